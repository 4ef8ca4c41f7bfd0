package io.driftwatch.rules;

import java.util.Map;

/**
 * A rule instance that started firing or resolved in this evaluation: what alerting acts on. {@code labels}
 * are the instance's own labels (a PromQL series' labels; empty for drift rules).
 */
public record RuleEvent(Rule rule, RuleState state, String version, boolean firing, Map<String, String> labels) {
    public RuleEvent {
        labels = Map.copyOf(labels);
    }
}
