package io.driftwatch.rules;

import io.driftwatch.config.Location;
import java.util.Map;

/**
 * A threshold rule, on drift results or on a PromQL query. A drift rule applies to the models and
 * features whose names match its globs. It fires when its condition has held as {@link Hold} says.
 */
public record Rule(String name, Location location, String model, String feature, Condition condition, Hold hold,
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

    public boolean isPromql() {
        return condition instanceof Condition.Promql;
    }

    /** The drift expression; only for drift rules. */
    public RuleExpr expr() {
        return ((Condition.Drift) condition).expr();
    }
}
