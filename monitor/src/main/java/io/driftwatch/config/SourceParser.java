package io.driftwatch.config;

import java.nio.file.Path;
import java.util.Optional;

/** Parses a model's {@code source}: its type, the field mapping, and the type's own block through {@link SourceKinds}. */
final class SourceParser {
    private final Path base;
    private final SourceKinds kinds;

    SourceParser(Path base, SourceKinds kinds) {
        this.base = base;
        this.kinds = kinds;
    }

    SourceConfig source(ConfigNode n, String modelName) {
        String type = n.string("type").orElse(kinds.types().get(0));
        FieldMapping fields = fields(n.map("fields"));
        String modelValue = n.string("model_value").orElse(modelName);
        SourceConfig s = null;
        if (kinds.types().contains(type)) {
            s = kinds.parse(type, n, base, fields, modelValue);
        } else {
            n.error("type", "unknown source type '" + type + "'; supported: " + String.join(", ", kinds.types()));
        }
        n.finish();
        return s;
    }

    private static FieldMapping fields(Optional<ConfigNode> node) {
        FieldMapping d = FieldMapping.defaults();
        if (node.isEmpty()) {
            return d;
        }
        ConfigNode n = node.get();
        FieldMapping f = new FieldMapping(n.string("timestamp").orElse(d.timestamp()),
                n.string("model").orElse(d.model()), n.string("version").orElse(d.version()),
                n.string("input").orElse(d.input()), n.string("prediction").orElse(d.prediction()),
                n.string("label").orElse(d.label()), n.string("latency").orElse(d.latency()),
                n.string("request_id").orElse(d.requestId()), n.string("timestamp_unit").orElse(d.timestampUnit()));
        if (!FieldMapping.UNITS.contains(f.timestampUnit())) {
            n.error("timestamp_unit", "the unit of epoch timestamps is one of " + FieldMapping.UNITS + ", not '"
                    + f.timestampUnit() + "'");
        }
        n.finish();
        return f;
    }
}
