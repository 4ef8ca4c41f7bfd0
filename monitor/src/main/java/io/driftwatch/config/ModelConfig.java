package io.driftwatch.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** One watched model. {@code prediction} is tested like a feature when present. */
public record ModelConfig(String name, SourceConfig source, ReferenceConfig reference,
                          List<FeatureSpec> features, Optional<FeatureSpec> prediction,
                          Duration window, ScheduleConfig schedule) {
    public ModelConfig {
        features = List.copyOf(features);
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
