package io.driftwatch.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** One watched model. {@code prediction} is tested like a feature when present. */
public record ModelConfig(String name, SourceConfig source, ReferenceConfig reference,
                          List<FeatureSpec> features, Optional<FeatureSpec> prediction,
                          Duration window, ScheduleConfig schedule, Optional<Segments> segments,
                          Optional<Comparison> compare, Optional<ActionConfig> actions, Optional<Health> health,
                          Optional<Duration> noDataAfterSetting, GateConfig gate, Signals signals) {
    public ModelConfig {
        features = List.copyOf(features);
    }

    /** The same model without model-level signals. */
    public ModelConfig(String name, SourceConfig source, ReferenceConfig reference, List<FeatureSpec> features,
                       Optional<FeatureSpec> prediction, Duration window, ScheduleConfig schedule,
                       Optional<Segments> segments, Optional<Comparison> compare, Optional<ActionConfig> actions,
                       Optional<Health> health, Optional<Duration> noDataAfterSetting, GateConfig gate) {
        this(name, source, reference, features, prediction, window, schedule, segments, compare, actions, health,
                noDataAfterSetting, gate, Signals.NONE);
    }

    /**
     * Model-level signals computed on each window besides the per-feature tests: multivariate drift by
     * data reconstruction ({@code multivariate:}) and performance estimated without labels ({@code estimated:}).
     */
    public record Signals(Optional<Multivariate> multivariate, Optional<Estimated> estimated) {
        public static final Signals NONE = new Signals(Optional.empty(), Optional.empty());
    }

    /** PCA keeping {@code variance} of the reference's variance, over numeric features and each categorical one's top categories. */
    public record Multivariate(double variance, int topCategories) {
    }

    /**
     * Confidence-based performance estimation of a binary classifier whose prediction is its score: the
     * decision threshold, and how many labelled reference rows calibration needs.
     */
    public record Estimated(double threshold, int minCalibration) {
    }

    /** The same model without a gate block (its gate takes the defaults). */
    public ModelConfig(String name, SourceConfig source, ReferenceConfig reference, List<FeatureSpec> features,
                       Optional<FeatureSpec> prediction, Duration window, ScheduleConfig schedule,
                       Optional<Segments> segments, Optional<Comparison> compare, Optional<ActionConfig> actions,
                       Optional<Health> health, Optional<Duration> noDataAfterSetting) {
        this(name, source, reference, features, prediction, window, schedule, segments, compare, actions, health,
                noDataAfterSetting, GateConfig.DEFAULTS, Signals.NONE);
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
