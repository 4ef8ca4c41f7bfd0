package io.driftwatch.alert.outbox;

import io.driftwatch.alert.Routing;
import io.driftwatch.metrics.Metrics;
import io.driftwatch.alert.AlertStore;
import io.driftwatch.alert.silence.SilenceStore;
import java.time.Clock;

/** What every receiver's worker shares. */
public record OutboxContext(Routing routing, OutboxStore store, AlertStore alerts, SilenceStore silences,
                           DeadLetters deadLetters, Metrics metrics, Clock clock) {
}
