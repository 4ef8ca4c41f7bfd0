package io.driftwatch.source;

import java.time.Instant;
import java.util.Map;

/**
 * One logged prediction. Feature and prediction values are kept as read (Double, String, Boolean or
 * null) so that each column's type is decided by configuration, not by the first record.
 */
public record PredictionRecord(Instant timestamp, String model, String version, Map<String, Object> input,
                               Object prediction, Object label, Double latencyMs, String requestId) {
    public PredictionRecord {
        input = java.util.Collections.unmodifiableMap(input);
    }
}
