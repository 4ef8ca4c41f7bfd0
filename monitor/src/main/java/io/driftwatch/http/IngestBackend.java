package io.driftwatch.http;

import io.driftwatch.source.store.IngestWriter;
import java.util.function.Predicate;

/** What the ingest endpoint needs: the writer of the store's ingest table, and which InferenceServices some model reads. */
public record IngestBackend(IngestWriter writer, Predicate<String> knownService) {
}
