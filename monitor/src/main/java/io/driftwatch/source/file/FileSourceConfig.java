package io.driftwatch.source.file;

import io.driftwatch.config.FieldMapping;
import io.driftwatch.config.SourceConfig;

/**
 * JSON-lines files: a file, a directory, or a glob such as {@code /var/log/m/*.jsonl*}; their lines as the
 * model server wrote them, or wrapped by the node's container runtime ({@link LineFormat}).
 */
public record FileSourceConfig(String path, FieldMapping fields, String modelValue, LineFormat format)
        implements SourceConfig {
    public static final String TYPE = "file";

    public FileSourceConfig {
        format = format == null ? LineFormat.JSON : format;
    }

    public FileSourceConfig(String path, FieldMapping fields, String modelValue) {
        this(path, fields, modelValue, LineFormat.JSON);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public SourceConfig withPredictionField(String field) {
        return new FileSourceConfig(path, fields.withPrediction(field), modelValue, format);
    }
}
