package io.driftwatch.config;

/** Where a model's prediction logs come from. */
public sealed interface SourceConfig {

    FieldMapping fields();

    /** The value of the model field that selects this model's records. */
    String modelValue();

    /** The same source reading the prediction from another field. */
    SourceConfig withPredictionField(String field);

    /** JSON-lines files: a file, a directory, or a glob such as {@code /var/log/m/*.jsonl*}. */
    record FileSource(String path, FieldMapping fields, String modelValue) implements SourceConfig {
        @Override
        public SourceConfig withPredictionField(String field) {
            FieldMapping f = fields;
            return new FileSource(path, new FieldMapping(f.timestamp(), f.model(), f.version(), f.input(),
                    field, f.label(), f.latency(), f.requestId()), modelValue);
        }
    }
}
