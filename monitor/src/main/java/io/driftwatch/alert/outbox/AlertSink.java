package io.driftwatch.alert.outbox;

import io.driftwatch.alert.Alert;
import io.driftwatch.alert.AlertStore;
import io.driftwatch.store.Database;
import java.sql.SQLException;
import java.util.List;

/**
 * The one way alerts are raised: in one transaction, the state they come from ({@code alongside}: an
 * evaluation, rule states, a dead letter), the alerts themselves, and their routing into the outbox;
 * once it has committed, the delivery workers are woken. A crash can neither lose an alert nor send one
 * whose state was rolled back.
 */
public final class AlertSink {
    private final Database db;
    private final AlertStore alerts;
    private final Outbox outbox;

    public AlertSink(Database db, Outbox outbox) {
        this.db = db;
        this.alerts = new AlertStore(db);
        this.outbox = outbox;
    }

    /** Work that commits with the alerts. */
    @FunctionalInterface
    public interface Alongside<T> {
        T run(java.sql.Connection c) throws SQLException;
    }

    /** Commits {@code alongside} and the alerts together; returns what {@code alongside} returned. */
    public <T> T commit(List<Alert> raised, Alongside<T> alongside) throws SQLException {
        return commit(raised, null, alongside);
    }

    /** The same, routing the alerts to every receiver but {@code except} (an alert about that receiver). */
    public <T> T commit(List<Alert> raised, String except, Alongside<T> alongside) throws SQLException {
        T result = db.inTransaction(c -> {
            T r = alongside.run(c);
            for (Alert a : raised) {
                outbox.enqueue(c, alerts.insert(c, a), a, except);
            }
            return r;
        });
        if (!raised.isEmpty()) {
            outbox.wakeUp();
        }
        return result;
    }

    /** Raises alerts that come from no stored state. */
    public void raise(List<Alert> raised) throws SQLException {
        commit(raised, c -> null);
    }
}
