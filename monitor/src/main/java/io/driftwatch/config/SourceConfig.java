package io.driftwatch.config;

/**
 * Where a model's prediction records come from, as configured. Each source type (a folder under
 * {@code source/}) has its own record implementing this, parsed by its kind through {@link SourceKinds}.
 */
public interface SourceConfig {

    /** The {@code source.type} that selects this kind. */
    String type();

    FieldMapping fields();

    /** The value of the model field that selects this model's records. */
    String modelValue();

    /** The same source reading the prediction from another field. */
    SourceConfig withPredictionField(String field);
}
