package io.driftwatch.alert.outbox;

import io.driftwatch.alert.Alert;
import io.driftwatch.alert.AlertStatus;
import io.driftwatch.metrics.Metrics;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Gives up on a notification: it moves to the dead letters, the metric counts it, and a
 * {@code notification_failed} alert (severity critical, label {@code receiver}) is stored and routed to
 * every receiver but the failing one, all in one transaction.
 */
public final class DeadLetters {
    private final OutboxStore store;
    private final AlertSink sink;
    private final Metrics metrics;
    private final Clock clock;
    private final String externalUrl;

    public DeadLetters(OutboxStore store, AlertSink sink, Metrics metrics, Clock clock,
                       String externalUrl) {
        this.store = store;
        this.sink = sink;
        this.metrics = metrics;
        this.clock = clock;
        this.externalUrl = externalUrl;
    }

    void dead(OutboxStore.Message m, int attempts, String error) throws SQLException {
        Instant now = clock.instant();
        Map<String, String> labels = Map.of("alertname", "notification_failed", "receiver", m.receiver(),
                "severity", "critical");
        Alert meta = new Alert(Alert.fingerprint(labels) + "-" + m.id(), labels, Map.of("summary",
                "A notification to " + m.receiver() + " was given up after " + attempts + " attempt(s): " + error,
                "idempotency_key", m.idempotencyKey()), AlertStatus.FIRING, now, null, (double) attempts,
                externalUrl + "/api/v1/dead-letters?receiver=" + m.receiver());
        sink.commit(List.of(meta), m.receiver(), c -> {
            store.dead(c, new OutboxStore.Message(m.id(), m.receiver(), m.groupKey(), m.idempotencyKey(), m.payload(),
                    "DEAD", attempts, m.nextAttemptAt(), m.createdAt(), null, error), error, now.toEpochMilli());
            return null;
        });
        metrics.deadLetters.labelValues(m.receiver()).inc();
    }
}
