package io.driftwatch.http;

import io.driftwatch.alert.silence.Silence;
import io.driftwatch.alert.AlertStore;
import io.driftwatch.alert.outbox.OutboxStore;
import java.sql.SQLException;
import java.util.List;

/** What the alert, silence and dead-letter endpoints read and change. */
public interface AlertBackend {

    /** Alert events; with {@code current}, only each alert's latest event (its state now). */
    List<AlertStore.Row> alerts(String status, boolean current, String model, String alertname, int limit)
            throws SQLException;

    List<Silence> silences() throws SQLException;

    void addSilence(Silence s) throws SQLException;

    boolean expireSilence(String id) throws SQLException;

    List<OutboxStore.DeadLetter> deadLetters(String receiver, int limit) throws SQLException;
}
