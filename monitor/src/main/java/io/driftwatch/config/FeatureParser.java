package io.driftwatch.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Parses a model's {@code features} list and its {@code prediction} column. */
final class FeatureParser {
    private final ConfigParser.TestCheck tests;

    FeatureParser(ConfigParser.TestCheck tests) {
        this.tests = tests;
    }

    List<FeatureSpec> features(ConfigNode model) {
        List<ConfigNode> nodes = model.listOfMaps("features");
        if (nodes.isEmpty() && !model.has("prediction")) {
            model.errors().add(model.location(), model.pathOf("features"), "is required: at least one feature");
        }
        Set<String> names = new HashSet<>();
        List<FeatureSpec> out = new ArrayList<>();
        for (ConfigNode n : nodes) {
            String name = n.requiredString("name");
            if (name != null && !names.add(name)) {
                n.error("name", "feature '" + name + "' is listed twice");
            }
            out.add(spec(n, name, field(n, name)));
        }
        return out;
    }

    /** A feature's key in the input map, or its position in a vector input ({@code field: 3}). */
    private static String field(ConfigNode n, String name) {
        if (n.isInteger("field")) {
            long position = n.integer("field").orElse(0L);
            if (position < 0) {
                n.error("field", "a position in the input vector is 0 or more, not " + position);
            }
            return Long.toString(position);
        }
        return n.string("field").orElse(name);
    }

    FeatureSpec prediction(ConfigNode n, String defaultField) {
        String field = n.string("field").orElse(defaultField);
        return spec(n, n.string("name").orElse("prediction"), field);
    }

    private FeatureSpec spec(ConfigNode n, String name, String field) {
        FeatureType type = type(n);
        List<String> named = n.stringList("tests");
        for (String t : named) {
            String problem = tests.problem(t, type);
            if (problem != null) {
                n.error("tests", problem);
            }
        }
        n.finish();
        return new FeatureSpec(name, field, type, named);
    }

    private static FeatureType type(ConfigNode n) {
        n.values("type", java.util.Arrays.stream(FeatureType.values()).map(v -> v.name().toLowerCase(Locale.ROOT)).toList());
        String t = n.requiredString("type");
        if (t == null) {
            return FeatureType.NUMERIC;
        }
        try {
            return FeatureType.valueOf(t.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            n.error("type", "unknown type '" + t + "'; use numeric or categorical");
            return FeatureType.NUMERIC;
        }
    }
}
