package io.driftwatch.rules;

import java.util.Map;

/**
 * Which results a drift rule looks at: the model's window, each segment of it, or the comparison of
 * two versions. Segment and comparison results carry their segment or comparison as a label.
 */
public enum Scope {
    MODEL, SEGMENT, COMPARISON;

    /** One scope's results: the drift report and its metrics (quality for the model, agreement for a comparison). */
    public record Results(Scope scope, String value, io.driftwatch.drift.DriftReport report,
                          Map<String, Double> metrics) {
        public Results {
            metrics = Map.copyOf(metrics);
        }

        /** The rule instance watching {@code feature} ({@code ""}: the model level) in this scope. */
        InstanceKey key(String feature) {
            return new InstanceKey.Column(feature, scope, scope == MODEL ? "" : value);
        }

        String label() {
            return scope.name().toLowerCase(java.util.Locale.ROOT);
        }

        Map<String, String> labels() {
            return scope == MODEL ? Map.of() : Map.of(label(), value);
        }
    }
}
