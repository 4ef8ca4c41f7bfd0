package io.driftwatch.config;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Parses a model's {@code source}: its type, the field mapping, and the type's own block through {@link SourceKinds}. */
final class SourceParser {
    private final Path base;
    private final SourceKinds kinds;

    SourceParser(Path base, SourceKinds kinds) {
        this.base = base;
        this.kinds = kinds;
    }

    SourceConfig source(ConfigNode n, String modelName) {
        n.values("type", kinds.types());
        String type = n.string("type").orElse(kinds.types().get(0));
        FieldMapping fields = fields(n.map("fields"), inputNames(n));
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

    /** {@code input_names}: the names of a vector input's positions, each once. */
    private static List<String> inputNames(ConfigNode n) {
        List<String> names = n.stringList("input_names");
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (name.isBlank() || !seen.add(name)) {
                n.error("input_names", name.isBlank() ? "a name is empty" : "'" + name + "' is named twice");
            }
        }
        return names;
    }

    private static FieldMapping fields(Optional<ConfigNode> node, List<String> inputNames) {
        FieldMapping d = FieldMapping.defaults();
        if (node.isEmpty()) {
            return inputNames.isEmpty() ? d : new FieldMapping(d.timestamp(), d.model(), d.version(), d.input(),
                    d.prediction(), d.label(), d.latency(), d.requestId(), d.timestampUnit(), inputNames);
        }
        ConfigNode n = node.get();
        n.values("timestamp_unit", FieldMapping.UNITS);
        FieldMapping f = new FieldMapping(n.string("timestamp").orElse(d.timestamp()),
                n.string("model").orElse(d.model()), n.string("version").orElse(d.version()),
                n.string("input").orElse(d.input()), n.string("prediction").orElse(d.prediction()),
                n.string("label").orElse(d.label()), n.string("latency").orElse(d.latency()),
                n.string("request_id").orElse(d.requestId()), n.string("timestamp_unit").orElse(d.timestampUnit()),
                inputNames);
        if (!FieldMapping.UNITS.contains(f.timestampUnit())) {
            n.error("timestamp_unit", "the unit of epoch timestamps is one of " + FieldMapping.UNITS + ", not '"
                    + f.timestampUnit() + "'");
        }
        n.finish();
        return f;
    }
}
