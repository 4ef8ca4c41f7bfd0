package io.driftwatch.rules;

import java.time.Instant;

/**
 * The persisted state of one rule instance, keyed by (rule, model, feature); model-level rules use the
 * feature {@code ""}, PromQL rules the series' label set.
 */
public record RuleState(String rule, String model, InstanceKey instance, AlertState state, int breaches,
                        Instant activeSince, Instant firedAt, Double lastValue, Instant updatedAt,
                        Instant lastBreachAt) {

    public static RuleState inactive(String rule, String model, InstanceKey instance, Instant now) {
        return new RuleState(rule, model, instance, AlertState.INACTIVE, 0, null, null, null, now, null);
    }
}
