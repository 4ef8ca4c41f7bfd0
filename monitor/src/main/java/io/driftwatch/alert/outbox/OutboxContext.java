package io.driftwatch.alert.outbox;

import io.driftwatch.alert.Routing;
import io.driftwatch.metrics.Metrics;
import io.driftwatch.store.AlertStore;
import io.driftwatch.store.OutboxStore;
import io.driftwatch.store.SilenceStore;
import java.time.Clock;

/** What every receiver's worker shares. */
public record OutboxContext(Routing routing, OutboxStore store, AlertStore alerts, SilenceStore silences,
                           DeadLetters deadLetters, Metrics metrics, Clock clock) {
}
