package io.driftwatch.rules;

import io.driftwatch.config.Location;
import java.util.Map;

/**
 * A threshold rule on drift results. It applies to models and features whose names match its globs,
 * and fires after {@code forEvaluations} consecutive breaching evaluations.
 */
public record Rule(String name, Location location, String model, String feature, RuleExpr expr, int forEvaluations,
                   String severity, Map<String, String> labels, Map<String, String> annotations) {
    public Rule {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    public boolean appliesToModel(String modelName) {
        return Globs.matches(model, modelName);
    }

    public boolean appliesToFeature(String featureName) {
        return Globs.matches(feature, featureName);
    }
}
