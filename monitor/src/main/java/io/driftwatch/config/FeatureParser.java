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
            out.add(spec(n, name, n.string("field").orElse(name)));
        }
        return out;
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
