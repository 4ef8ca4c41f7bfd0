package io.driftwatch.source.file;

import io.driftwatch.config.ConfigNode;
import io.driftwatch.config.FieldMapping;
import io.driftwatch.config.PathGlobs;
import io.driftwatch.config.SourceConfig;
import io.driftwatch.source.PredictionSource;
import io.driftwatch.source.SourceKind;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code type: file}: {@code path}, a file, a directory or a glob of JSON-lines logs (rotated and gzip too). */
public final class FileSourceKind implements SourceKind {
    @Override
    public String type() {
        return FileSourceConfig.TYPE;
    }

    @Override
    public String description() {
        return "JSON-lines prediction logs: `path` is a file, a directory or a glob (rotated `.1`, `.2.gz` files too); `format` json, cri or docker";
    }

    @Override
    public Class<FileSourceConfig> configType() {
        return FileSourceConfig.class;
    }

    @Override
    public SourceConfig parse(ConfigNode n, Path base, FieldMapping fields, String modelValue) {
        String path = n.requiredString("path");
        if (path != null && !Files.isDirectory(PathGlobs.directory(base, path))) {
            n.error("path", "directory " + PathGlobs.directory(base, path) + " does not exist");
        }
        String key = n.string("format").orElse(LineFormat.JSON.key());
        LineFormat format = LineFormat.of(key);
        if (format == null) {
            n.error("format", "unknown log format '" + key + "'; use json, cri (containerd and CRI-O node logs) or "
                    + "docker (Docker's json-file driver)");
        }
        return new FileSourceConfig(path == null ? null : base.resolve(path).toString(), fields, modelValue, format);
    }

    @Override
    public PredictionSource open(SourceConfig config) {
        return new JsonLinesSource((FileSourceConfig) config);
    }
}
