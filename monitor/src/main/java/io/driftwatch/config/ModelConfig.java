package io.driftwatch.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** One watched model. {@code prediction} is tested like a feature when present. */
public record ModelConfig(String name, SourceConfig source, ReferenceConfig reference,
                          List<FeatureSpec> features, Optional<FeatureSpec> prediction,
                          Duration window, ScheduleConfig schedule, Optional<Segments> segments,
                          Optional<Comparison> compare, Optional<ActionConfig> actions, Optional<Health> health,
                          Optional<Duration> noDataAfterSetting, GateConfig gate) {
    public ModelConfig {
        features = List.copyOf(features);
    }

    /** The same model without a gate block (its gate takes the defaults). */
    public ModelConfig(String name, SourceConfig source, ReferenceConfig reference, List<FeatureSpec> features,
                       Optional<FeatureSpec> prediction, Duration window, ScheduleConfig schedule,
                       Optional<Segments> segments, Optional<Comparison> compare, Optional<ActionConfig> actions,
                       Optional<Health> health, Optional<Duration> noDataAfterSetting) {
        this(name, source, reference, features, prediction, window, schedule, segments, compare, actions, health,
                noDataAfterSetting, GateConfig.DEFAULTS);
    }

    /** Drift per value of an input field: the {@code top} values by volume, the rest pooled as "other". */
    public record Segments(String field, int top) {
        public static final String OTHER = "other";
    }

    /**
     * Two versions compared over the same window: the candidate's predictions against the baseline's, and
     * for shadow traffic (both versions see each request) their agreement joined by request id.
     */
    public record Comparison(String baseline, String candidate, boolean shadow) {
        public String label() {
            return candidate + " vs " + baseline;
        }
    }

    /** Where the model is served: its Deployment, whose pods give health signals (restarts, crash loops, readiness). */
    public record Health(String namespace, String deployment) {
    }

    /** How long an empty window may last, after the model had traffic, before {@code no_data} fires: 3 intervals by default. */
    public Duration noDataAfter() {
        return noDataAfterSetting.orElseGet(() -> schedule.nominalInterval().multipliedBy(3));
    }

    /** Features plus the prediction column, in the order they are reported. */
    public List<FeatureSpec> columns() {
        return prediction.map(p -> {
            List<FeatureSpec> all = new java.util.ArrayList<>(features);
            all.add(p);
            return List.copyOf(all);
        }).orElse(features);
    }
}
