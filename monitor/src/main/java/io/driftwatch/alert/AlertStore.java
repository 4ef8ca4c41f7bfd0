package io.driftwatch.alert;

import io.driftwatch.store.Database;

import io.driftwatch.util.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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

    /**
     * Rewrites the fingerprints of stored alerts to Alertmanager's own ({@link Alert#fingerprint}), where an
     * older Driftwatch computed them otherwise, so an alert firing across an upgrade stays one alert; dead
     * letters' notices (fingerprint-id) are left as they are. Returns how many rows changed.
     */
    public int refingerprint() throws SQLException {
        return db.inTransaction(c -> {
            List<long[]> ids = new java.util.ArrayList<>();
            List<String> prints = new java.util.ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, fingerprint, labels FROM alert");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String old = rs.getString(2);
                    if (old.contains("-")) {
                        continue;
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, String> labels = Json.MAPPER.readValue(rs.getString(3), Map.class);
                    String now = Alert.fingerprint(labels);
                    if (!now.equals(old)) {
                        ids.add(new long[] {rs.getLong(1)});
                        prints.add(now);
                    }
                }
            }
            try (PreparedStatement up = c.prepareStatement("UPDATE alert SET fingerprint = ? WHERE id = ?")) {
                for (int i = 0; i < ids.size(); i++) {
                    up.setString(1, prints.get(i));
                    up.setLong(2, ids.get(i)[0]);
                    up.addBatch();
                }
                if (!ids.isEmpty()) {
                    up.executeBatch();
                }
            }
            return ids.size();
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

    /** One stored alert event. */
    public record Row(long id, Alert alert, long createdAt) {
    }

    /** The alerts whose latest event is FIRING: what is firing now. */
    public List<Alert> firing() throws SQLException {
        return rows("WHERE a.id = (SELECT MAX(b.id) FROM alert b WHERE b.fingerprint = a.fingerprint) "
                + "AND a.status = 'FIRING' ORDER BY a.id", List.of(), 10_000).stream().map(Row::alert).toList();
    }

    /**
     * Alert events, newest first, filtered by status, model and alert name when given; with
     * {@code current}, only each alert's latest event, so {@code status} is its state now.
     */
    public List<Row> list(String status, boolean current, String model, String alertname, int limit)
            throws SQLException {
        StringBuilder where = new StringBuilder(current
                ? "WHERE a.id = (SELECT MAX(b.id) FROM alert b WHERE b.fingerprint = a.fingerprint)" : "WHERE 1 = 1");
        List<String> args = new java.util.ArrayList<>();
        if (status != null) {
            where.append(" AND a.status = ?");
            args.add(status.toUpperCase(java.util.Locale.ROOT));
        }
        if (model != null) {
            where.append(" AND a.model = ?");
            args.add(model);
        }
        if (alertname != null) {
            where.append(" AND a.rule = ?");
            args.add(alertname);
        }
        return rows(where + " ORDER BY a.id DESC", args, limit);
    }

    private List<Row> rows(String where, List<String> args, int limit) throws SQLException {
        return db.inTransaction(c -> {
            List<Row> out = new java.util.ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT a.id, a.fingerprint, a.status, a.labels, "
                    + "a.annotations, a.alert_value, a.starts_at, a.ends_at, a.created_at FROM alert a " + where)) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setString(i + 1, args.get(i));
                }
                ps.setMaxRows(limit);
                try (ResultSet rs = ps.executeQuery()) {
                    var type = Json.MAPPER.getTypeFactory().constructMapType(java.util.Map.class, String.class,
                            String.class);
                    while (rs.next()) {
                        double v = rs.getDouble(6);
                        Double value = rs.wasNull() ? null : v;
                        long ends = rs.getLong(8);
                        Instant endsAt = rs.wasNull() ? null : Instant.ofEpochMilli(ends);
                        java.util.Map<String, String> labels = Json.MAPPER.readValue(rs.getString(4), type);
                        java.util.Map<String, String> annotations = Json.MAPPER.readValue(rs.getString(5), type);
                        out.add(new Row(rs.getLong(1), new Alert(rs.getString(2), labels, annotations,
                                io.driftwatch.alert.AlertStatus.valueOf(rs.getString(3)),
                                Instant.ofEpochMilli(rs.getLong(7)), endsAt, value, null), rs.getLong(9)));
                    }
                }
            }
            return out;
        });
    }
}
