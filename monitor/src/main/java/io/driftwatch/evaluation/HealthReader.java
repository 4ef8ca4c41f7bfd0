package io.driftwatch.evaluation;

import io.driftwatch.config.ModelConfig;
import io.driftwatch.source.SourceException;
import java.util.Map;

/** Reads a model's serving health (see {@code source.kubernetes.PodHealth}); empty when it has none configured. */
@FunctionalInterface
public interface HealthReader {

    Map<String, Double> read(ModelConfig model) throws SourceException;

    static HealthReader none() {
        return m -> Map.of();
    }
}
