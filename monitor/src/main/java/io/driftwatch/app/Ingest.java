package io.driftwatch.app;

import io.driftwatch.config.ModelConfig;
import io.driftwatch.http.IngestBackend;
import io.driftwatch.source.store.IngestEvents;
import io.driftwatch.source.store.IngestWriter;
import io.driftwatch.source.store.StoreSourceConfig;
import io.driftwatch.store.Database;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The ingest endpoint's wiring: a writer when some model reads ingested records (source.type: store). */
final class Ingest {
    /** Posts queued at most, waiting for their commit; past it the endpoint answers 429. */
    static final int QUEUE = 10_000;

    private Ingest() {
    }

    static IngestWriter writer(List<ModelConfig> models, Database db, Clock clock) {
        return services(models).isEmpty() ? null : new IngestWriter(new IngestEvents(db), QUEUE, clock);
    }

    static IngestBackend backend(List<ModelConfig> models, IngestWriter writer) {
        Set<String> services = services(models);
        return writer == null ? null : new IngestBackend(writer, services::contains);
    }

    private static Set<String> services(List<ModelConfig> models) {
        return models.stream().filter(m -> m.source() instanceof StoreSourceConfig)
                .map(m -> ((StoreSourceConfig) m.source()).service()).collect(Collectors.toUnmodifiableSet());
    }
}
