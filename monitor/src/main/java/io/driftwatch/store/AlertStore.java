package io.driftwatch.store;

import io.driftwatch.alert.Alert;
import io.driftwatch.util.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;

/** The alert history and the record of each notification attempt's outcome. */
public final class AlertStore {
    private final Database db;

    public AlertStore(Database db) {
        this.db = db;
    }

    /** Records an alert event on the given connection; returns its id. */
    public long insert(Connection c, Alert a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert (fingerprint, rule, model, feature, status, "
                + "severity, labels, annotations, alert_value, starts_at, ends_at, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, a.fingerprint());
            ps.setString(2, a.label("alertname"));
            ps.setString(3, a.label("model"));
            ps.setString(4, a.label("feature"));
            ps.setString(5, a.status().name());
            ps.setString(6, a.label("severity"));
            ps.setString(7, Json.write(a.labels()));
            ps.setString(8, Json.write(a.annotations()));
            if (a.value() == null || !Double.isFinite(a.value())) {
                ps.setNull(9, Types.DOUBLE);
            } else {
                ps.setDouble(9, a.value());
            }
            ps.setLong(10, a.startsAt().toEpochMilli());
            if (a.endsAt() == null) {
                ps.setNull(11, Types.BIGINT);
            } else {
                ps.setLong(11, a.endsAt().toEpochMilli());
            }
            ps.setLong(12, Instant.now().toEpochMilli());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    public void recordNotification(long alertId, String receiver, boolean sent, String error) throws SQLException {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO notification (alert_id, receiver, status, "
                    + "error, sent_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setLong(1, alertId);
                ps.setString(2, receiver);
                ps.setString(3, sent ? "SENT" : "FAILED");
                ps.setString(4, error);
                ps.setLong(5, Instant.now().toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public long count(String status) throws SQLException {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM alert WHERE status = ?")) {
                ps.setString(1, status);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
