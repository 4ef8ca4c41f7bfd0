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

/**
 * The ingest endpoint's wiring: one writer; which InferenceServices are taken follows the configuration in
 * force (a reload that adds a model reading ingested records opens the endpoint to its service).
 */
final class Ingest {
    /** Posts queued at most, waiting for their commit; past it the endpoint answers 429. */
    static final int QUEUE = 10_000;

    private Ingest() {
    }

    static IngestWriter writer(Database db, Clock clock) {
        return new IngestWriter(new IngestEvents(db), QUEUE, clock);
    }

    static IngestBackend backend(java.util.function.Supplier<List<ModelConfig>> models, IngestWriter writer) {
        return new IngestBackend(writer, service -> services(models.get()).contains(service));
    }

    private static Set<String> services(List<ModelConfig> models) {
        return models.stream().filter(m -> m.source() instanceof StoreSourceConfig)
                .map(m -> ((StoreSourceConfig) m.source()).service()).collect(Collectors.toUnmodifiableSet());
    }
}
