package io.driftwatch.rules;

import java.time.Instant;

/**
 * The persisted state of one rule instance, keyed by (rule, model, feature); model-level rules use the
 * feature {@code ""}, PromQL rules the series' label set.
 */
public record RuleState(String rule, String model, String feature, AlertState state, int breaches,
                        Instant activeSince, Instant firedAt, Double lastValue, Instant updatedAt,
                        Instant lastBreachAt) {

    public static RuleState inactive(String rule, String model, String feature, Instant now) {
        return new RuleState(rule, model, feature, AlertState.INACTIVE, 0, null, null, null, now, null);
    }
}
