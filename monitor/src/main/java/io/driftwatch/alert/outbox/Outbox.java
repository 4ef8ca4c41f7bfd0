package io.driftwatch.alert.outbox;

import io.driftwatch.alert.Alert;
import io.driftwatch.alert.Route;
import io.driftwatch.alert.Routing;
import io.driftwatch.metrics.Metrics;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry of the durable outbox: an alert event is routed and written, per receiver, in the same
 * transaction that stores the alert, so a crash can never lose a notification or send one for an alert
 * that was rolled back. Each receiver's {@link DeliveryWorker} takes it from there.
 */
public final class Outbox {
    private static final Logger ALERTS = LoggerFactory.getLogger("driftwatch.alerts");

    private final Routing routing;
    private final OutboxStore store;
    private final Metrics metrics;
    private final Clock clock;
    private volatile Runnable wakeUp = () -> { };

    public Outbox(Routing routing, OutboxStore store, Metrics metrics, Clock clock) {
        this.routing = routing;
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Called after a commit so that the workers look at once. */
    public void onWakeUp(Runnable r) {
        this.wakeUp = r;
    }

    public void wakeUp() {
        wakeUp.run();
    }

    /**
     * Routes a stored alert and writes one item per receiver, on the caller's transaction, leaving out
     * {@code except} (null: none; a meta-alert about that receiver's failure). Only {@link AlertSink} calls it.
     */
    void enqueue(Connection c, long alertId, Alert alert, String except) throws SQLException {
        log(alert);
        metrics.alerts.labelValues(alert.label("model"), alert.status().label()).inc();
        Set<String> seen = new HashSet<>();
        for (Route r : routing.root().match(alert.labels())) {
            String receiver = r.receiver();
            if (receiver.equals(except) || !seen.add(receiver)) {
                continue;
            }
            store.insertItem(c, receiver, r.groupKey(alert.labels()), r.id(), alertId, alert, clock.millis());
        }
    }

    private static void log(Alert a) {
        var line = ALERTS.atWarn().addKeyValue("alert_status", a.status().label())
                .addKeyValue("fingerprint", a.fingerprint()).addKeyValue("value", a.value());
        for (Map.Entry<String, String> l : a.labels().entrySet()) {
            line = line.addKeyValue(l.getKey(), l.getValue());
        }
        line.log("alert {} {} model={} feature={} value={}", a.status().label(), a.label("alertname"),
                a.label("model"), a.label("feature"), a.value());
    }
}
