package io.driftwatch.evaluation;

import java.time.Instant;

/** One stored evaluation; {@code report} is the drift report as JSON. */
public record EvaluationRow(long id, String model, String version, Instant startedAt, Instant finishedAt,
                           Instant windowFrom, Instant windowTo, String verdict, long records, long skipped,
                           int drifted, String error, String report) {
}
