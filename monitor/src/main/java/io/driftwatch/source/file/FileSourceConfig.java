package io.driftwatch.source.file;

import io.driftwatch.config.FieldMapping;
import io.driftwatch.config.SourceConfig;

/** JSON-lines files: a file, a directory, or a glob such as {@code /var/log/m/*.jsonl*}. */
public record FileSourceConfig(String path, FieldMapping fields, String modelValue) implements SourceConfig {
    public static final String TYPE = "file";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public SourceConfig withPredictionField(String field) {
        return new FileSourceConfig(path, fields.withPrediction(field), modelValue);
    }
}
