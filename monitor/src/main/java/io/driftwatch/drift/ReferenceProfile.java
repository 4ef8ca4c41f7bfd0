package io.driftwatch.drift;

import java.time.Instant;
import java.util.Map;

/**
 * A model version's fitted reference: one {@link ColumnReference} per column. Fitted once and kept in
 * the store under (model, version, fingerprint of the reference's origin).
 */
public record ReferenceProfile(String model, String version, String fingerprint, Instant fittedAt,
                               Map<String, ColumnReference> columns) {
    public ReferenceProfile {
        columns = Map.copyOf(columns);
    }

    /** No reference at all (an empty window has no version to fit one for). */
    public static ReferenceProfile none(String model) {
        return new ReferenceProfile(model, "unknown", "", Instant.EPOCH, Map.of());
    }
}
