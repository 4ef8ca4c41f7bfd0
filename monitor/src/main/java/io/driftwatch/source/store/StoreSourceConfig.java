package io.driftwatch.source.store;

import io.driftwatch.config.FieldMapping;
import io.driftwatch.config.SourceConfig;
import java.time.Duration;

/**
 * Records posted to the ingest endpoint and kept in the store: the events of the InferenceService
 * {@code service} (in {@code namespace}, or any when null), requests joined to their responses within
 * {@code joinTimeout}.
 */
public record StoreSourceConfig(String service, String namespace, FieldMapping fields, String modelValue,
                                Duration joinTimeout) implements SourceConfig {
    public static final String TYPE = "store";
    public static final Duration DEFAULT_JOIN_TIMEOUT = Duration.ofSeconds(30);

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public SourceConfig withPredictionField(String field) {
        return new StoreSourceConfig(service, namespace, fields.withPrediction(field), modelValue, joinTimeout);
    }
}
