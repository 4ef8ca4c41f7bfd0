package io.driftwatch.alert;

import io.driftwatch.alert.notify.Notifier;
import io.driftwatch.alert.notify.NotifyException;
import io.driftwatch.metrics.Metrics;
import io.driftwatch.store.AlertStore;
import java.sql.SQLException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends stored alerts to the receivers their labels route to. Each alert is logged as a structured
 * line first; each receiver is tried on its own, with a few retries for retryable failures, and every
 * outcome is recorded and counted.
 */
public final class AlertDispatcher {
    private static final Logger ALERTS = LoggerFactory.getLogger("driftwatch.alerts");
    private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);
    private static final int ATTEMPTS = 3;
    private static final long FIRST_BACKOFF_MS = 200;

    private final Routing routing;
    private final Map<String, Notifier> notifiers;
    private final AlertStore store;
    private final Metrics metrics;

    public AlertDispatcher(Routing routing, Map<String, Notifier> notifiers, AlertStore store, Metrics metrics) {
        this.routing = routing;
        this.notifiers = Map.copyOf(notifiers);
        this.store = store;
        this.metrics = metrics;
    }

    /** Delivers one alert that is already stored under {@code alertId}. */
    public void dispatch(long alertId, Alert alert) {
        log(alert);
        metrics.alerts.labelValues(alert.label("model"), alert.status().label()).inc();
        for (ReceiverConfig r : routing.receiversFor(alert.labels())) {
            if (alert.status() == AlertStatus.RESOLVED && !r.sendResolved()) {
                continue;
            }
            deliver(alertId, alert, r.name());
        }
    }

    private void deliver(long alertId, Alert alert, String receiver) {
        String error = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                notifiers.get(receiver).send(alert);
                record(alertId, receiver, true, null);
                return;
            } catch (NotifyException e) {
                error = e.getMessage();
                LOG.atWarn().addKeyValue("receiver", receiver).addKeyValue("attempt", attempt)
                        .log("notification to {} failed: {}", receiver, error);
                if (!e.retryable() || !backoff(attempt)) {
                    break;
                }
            }
        }
        record(alertId, receiver, false, error);
    }

    private static boolean backoff(int attempt) {
        if (attempt == ATTEMPTS) {
            return false;
        }
        try {
            Thread.sleep(FIRST_BACKOFF_MS << (attempt - 1));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void record(long alertId, String receiver, boolean sent, String error) {
        metrics.notifications.labelValues(receiver, sent ? "sent" : "failed").inc();
        try {
            store.recordNotification(alertId, receiver, sent, error);
        } catch (SQLException e) {
            LOG.error("cannot record notification of alert {} to {}", alertId, receiver, e);
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
