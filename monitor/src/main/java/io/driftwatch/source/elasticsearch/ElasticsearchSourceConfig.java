package io.driftwatch.source.elasticsearch;

import io.driftwatch.config.FieldMapping;
import io.driftwatch.config.SourceConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * An Elasticsearch index pattern, filtered to the model (and to one version when {@code versionValue}
 * is set): hosts, credentials (names of environment variables or files, never the secrets), a CA file
 * for TLS, the request timeout and the page size of a pull, pushdown settings and a labels index.
 */
public record ElasticsearchSourceConfig(List<String> hosts, String index, String apiKeyEnv, String usernameEnv,
                                        String passwordEnv, Path apiKeyFile, Path caFile, Duration timeout,
                                        int batchSize, FieldMapping fields, String modelValue, String versionValue,
                                        Pushdown pushdown, LabelsIndex labels) implements SourceConfig {
    public static final String TYPE = "elasticsearch";

    public ElasticsearchSourceConfig {
        hosts = List.copyOf(hosts);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public SourceConfig withPredictionField(String field) {
        return new ElasticsearchSourceConfig(hosts, index, apiKeyEnv, usernameEnv, passwordEnv, apiKeyFile, caFile,
                timeout, batchSize, fields.withPrediction(field), modelValue, versionValue, pushdown, labels);
    }

    /** How a window is read: pulled raw, aggregated in the cluster, or chosen by its size. */
    public enum Mode { PULL, PUSHDOWN, AUTO }

    /**
     * Pushdown settings: the mode, the window size above which {@code auto} aggregates in the cluster,
     * and the suffix of keyword sub-fields for terms aggregations (".keyword" under dynamic mappings).
     */
    public record Pushdown(Mode mode, long above, String keywordSuffix) {
        public static Pushdown defaults() {
            return new Pushdown(Mode.AUTO, 200_000, "");
        }
    }

    /**
     * Ground-truth labels that arrive later in their own index, joined to predictions by request id. Only
     * labels written at or after the window's start are read (a label never precedes its prediction).
     */
    public record LabelsIndex(String index, String timestamp, String requestId, String label) {
    }
}
