package io.driftwatch.source.store;

import io.driftwatch.config.ConfigNode;
import io.driftwatch.config.FieldMapping;
import io.driftwatch.config.SourceConfig;
import io.driftwatch.source.PredictionSource;
import io.driftwatch.source.SourceException;
import io.driftwatch.source.SourceKind;
import io.driftwatch.store.Database;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code type: store}: the records KServe's payload logger (or any CloudEvents sender) posted to
 * {@code /api/v1/ingest/kserve}, kept in the store so that any replica reads them. {@code
 * inference_service} (default: the model's name) and {@code namespace} select the events;
 * {@code join_timeout} is how long a request waits for its response.
 */
public final class StoreSourceKind implements SourceKind {
    @Override
    public String type() {
        return StoreSourceConfig.TYPE;
    }

    @Override
    public String description() {
        return "records posted to the ingest endpoint (KServe's payload logger, CloudEvents), kept in the store: "
                + "`inference_service`, `namespace`, `join_timeout`";
    }

    @Override
    public Class<StoreSourceConfig> configType() {
        return StoreSourceConfig.class;
    }

    @Override
    public SourceConfig parse(ConfigNode n, Path base, FieldMapping fields, String modelValue) {
        String service = n.string("inference_service").orElse(modelValue);
        String namespace = n.string("namespace").orElse(null);
        Duration timeout = n.duration("join_timeout", Duration.ofSeconds(1), Duration.ofHours(1))
                .orElse(StoreSourceConfig.DEFAULT_JOIN_TIMEOUT);
        return new StoreSourceConfig(service, namespace, fields, modelValue, timeout);
    }

    @Override
    public PredictionSource open(SourceConfig config) throws SourceException {
        throw new SourceException("a store source needs the store: it is opened by the daemon", null);
    }

    @Override
    public PredictionSource open(SourceConfig config, Database db) throws SourceException {
        if (db == null) {
            return open(config);
        }
        return new StoreSource((StoreSourceConfig) config, new IngestEvents(db), java.time.Clock.systemUTC());
    }
}
