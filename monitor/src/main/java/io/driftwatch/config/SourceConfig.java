package io.driftwatch.config;

/** Where a model's prediction logs come from. */
public sealed interface SourceConfig {

    FieldMapping fields();

    /** The value of the model field that selects this model's records. */
    String modelValue();

    /** The same source reading the prediction from another field. */
    SourceConfig withPredictionField(String field);

    /**
     * An Elasticsearch index pattern, filtered to the model (and to one version when {@code versionValue}
     * is set): hosts, credentials (names of environment variables or files, never
     * the secrets), a CA file for TLS, the request timeout and the page size of a pull.
     */
    record ElasticsearchSource(java.util.List<String> hosts, String index, String apiKeyEnv, String usernameEnv,
                               String passwordEnv, java.nio.file.Path apiKeyFile, java.nio.file.Path caFile,
                               java.time.Duration timeout, int batchSize, FieldMapping fields, String modelValue,
                               String versionValue, Pushdown pushdown, LabelsIndex labels)
            implements SourceConfig {
        public ElasticsearchSource {
            hosts = java.util.List.copyOf(hosts);
        }

        @Override
        public SourceConfig withPredictionField(String field) {
            FieldMapping f = fields;
            return new ElasticsearchSource(hosts, index, apiKeyEnv, usernameEnv, passwordEnv, apiKeyFile, caFile, timeout,
                    batchSize, new FieldMapping(f.timestamp(), f.model(), f.version(), f.input(), field, f.label(),
                    f.latency(), f.requestId()), modelValue, versionValue, pushdown, labels);
        }
    }

    /** How an Elasticsearch window is read: pulled raw, aggregated in the cluster, or chosen by its size. */
    enum Mode { PULL, PUSHDOWN, AUTO }

    /**
     * Pushdown settings: the mode, the window size above which {@code auto} aggregates in the cluster,
     * and the suffix of keyword sub-fields for terms aggregations (".keyword" under dynamic mappings).
     */
    record Pushdown(Mode mode, long above, String keywordSuffix) {
        public static Pushdown defaults() {
            return new Pushdown(Mode.AUTO, 200_000, "");
        }
    }

    /**
     * Ground-truth labels that arrive later in their own index, joined to predictions by request id. Only
     * labels written at or after the window's start are read (a label never precedes its prediction).
     */
    record LabelsIndex(String index, String timestamp, String requestId, String label) {
    }

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
