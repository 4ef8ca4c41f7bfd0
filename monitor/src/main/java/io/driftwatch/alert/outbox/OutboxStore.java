package io.driftwatch.alert.outbox;

import io.driftwatch.store.Database;

import io.driftwatch.alert.Alert;
import io.driftwatch.util.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The outbox's tables: routed alert events, group state, messages and dead letters. */
public final class OutboxStore {
    private final Database db;

    public OutboxStore(Database db) {
        this.db = db;
    }

    public Database db() {
        return db;
    }

    /** A routed alert event waiting for its group's next notification. */
    public record Item(long id, String groupKey, long createdAt, Alert alert) {
    }

    /** What the group's last notification said, and the receiver's reference to it. */
    public record Group(String groupKey, Map<String, Alert> firing, Long lastSentAt, String externalRef) {
    }

    /** A notification waiting for delivery (or delivered, or dead). */
    public record Message(long id, String receiver, String groupKey, String idempotencyKey, String payload,
                          String state, int attempts, long nextAttemptAt, long createdAt, Long sentAt,
                          String lastError) {
    }

    /** A notification given up on. */
    public record DeadLetter(long id, long messageId, String receiver, String groupKey, String payload, int attempts,
                             String lastError, long createdAt) {
    }

    public void insertItem(Connection c, String receiver, String groupKey, String routeId, long alertId, Alert alert,
                           long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox_item (receiver, group_key, route_id, "
                + "alert_id, alert, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, receiver);
            ps.setString(2, groupKey);
            ps.setString(3, routeId);
            ps.setLong(4, alertId);
            ps.setString(5, Json.write(alert));
            ps.setLong(6, now);
            ps.executeUpdate();
        }
    }

    /** The receiver's open items by group key, oldest first. */
    public Map<String, List<Item>> openItems(String receiver) throws SQLException {
        return db.inTransaction(c -> {
            Map<String, List<Item>> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, group_key, created_at, alert FROM outbox_item "
                    + "WHERE receiver = ? AND message_id IS NULL ORDER BY id")) {
                ps.setString(1, receiver);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Item i = new Item(rs.getLong(1), rs.getString(2), rs.getLong(3),
                                Json.MAPPER.readValue(rs.getString(4), Alert.class));
                        out.computeIfAbsent(i.groupKey(), k -> new ArrayList<>()).add(i);
                    }
                }
            }
            return out;
        });
    }

    public Optional<Group> group(Connection c, String receiver, String groupKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT firing, last_sent_at, external_ref FROM notify_group "
                + "WHERE receiver = ? AND group_key = ?")) {
            ps.setString(1, receiver);
            ps.setString(2, groupKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(group(groupKey, rs.getString(1), rs, 2)) : Optional.empty();
            }
        }
    }

    private static Group group(String key, String firing, ResultSet rs, int col) throws SQLException {
        long sent = rs.getLong(col);
        Long lastSent = rs.wasNull() ? null : sent;
        var type = Json.MAPPER.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Alert.class);
        Map<String, Alert> alerts = Json.MAPPER.readValue(firing, type);
        return new Group(key, alerts, lastSent, rs.getString(col + 1));
    }

    /** Groups with firing alerts whose last notification is older than {@code before}, and no open work. */
    public List<Group> staleGroups(String receiver, long before) throws SQLException {
        return db.inTransaction(c -> {
            List<Group> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT g.group_key, g.firing, g.last_sent_at, "
                    + "g.external_ref FROM notify_group g WHERE g.receiver = ? AND g.firing <> '{}' "
                    + "AND g.last_sent_at <= ? AND NOT EXISTS (SELECT 1 FROM outbox_item i WHERE i.receiver = g.receiver "
                    + "AND i.group_key = g.group_key AND i.message_id IS NULL)")) {
                ps.setString(1, receiver);
                ps.setLong(2, before);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(group(rs.getString(1), rs.getString(2), rs, 3));
                    }
                }
            }
            return out;
        });
    }

    public void saveGroup(Connection c, String receiver, Group g) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM notify_group WHERE receiver = ? AND group_key = ?");
             PreparedStatement ins = c.prepareStatement("INSERT INTO notify_group (receiver, group_key, firing, "
                     + "last_sent_at, external_ref) VALUES (?, ?, ?, ?, ?)")) {
            del.setString(1, receiver);
            del.setString(2, g.groupKey());
            del.executeUpdate();
            ins.setString(1, receiver);
            ins.setString(2, g.groupKey());
            ins.setString(3, Json.write(g.firing()));
            if (g.lastSentAt() == null) {
                ins.setNull(4, Types.BIGINT);
            } else {
                ins.setLong(4, g.lastSentAt());
            }
            ins.setString(5, g.externalRef());
            ins.executeUpdate();
        }
    }

    public long insertMessage(Connection c, String receiver, String groupKey, String key, String payload, long now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox_message (receiver, group_key, "
                + "idempotency_key, payload, state, attempts, next_attempt_at, created_at) "
                + "VALUES (?, ?, ?, ?, 'PENDING', 0, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, receiver);
            ps.setString(2, groupKey);
            ps.setString(3, key);
            ps.setString(4, payload);
            ps.setLong(5, now);
            ps.setLong(6, now);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Marks items as taken into a message (0: consumed without one, e.g. all silenced). */
    public void take(Connection c, List<Item> items, long messageId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE outbox_item SET message_id = ? WHERE id = ?")) {
            for (Item i : items) {
                ps.setLong(1, messageId);
                ps.setLong(2, i.id());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The receiver's oldest undelivered message. */
    public Optional<Message> nextPending(String receiver) throws SQLException {
        return db.inTransaction(c -> {
            List<Message> m = messages(c, "WHERE receiver = ? AND state = 'PENDING' ORDER BY id", receiver, 1);
            return m.stream().findFirst();
        });
    }

    private static List<Message> messages(Connection c, String where, String arg, int limit) throws SQLException {
        List<Message> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, receiver, group_key, idempotency_key, payload, state, "
                + "attempts, next_attempt_at, created_at, sent_at, last_error FROM outbox_message " + where)) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long sent = rs.getLong(10);
                    Long sentAt = rs.wasNull() ? null : sent;
                    out.add(new Message(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getInt(7), rs.getLong(8), rs.getLong(9), sentAt, rs.getString(11)));
                }
            }
        }
        return out;
    }

    /** Undelivered messages plus alert events not yet in a message, for one receiver. */
    public long pending(String receiver) throws SQLException {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT COUNT(*) FROM outbox_message WHERE receiver = ? "
                    + "AND state = 'PENDING') + (SELECT COUNT(*) FROM outbox_item WHERE receiver = ? AND message_id IS NULL)")) {
                ps.setString(1, receiver);
                ps.setString(2, receiver);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Records that an attempt starts: after a crash, attempts &gt; 0 says the receiver may have it. */
    public void startAttempt(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE outbox_message SET attempts = attempts + 1 WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    public void sent(Connection c, long id, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE outbox_message SET state = 'SENT', sent_at = ?, "
                + "last_error = NULL WHERE id = ?")) {
            ps.setLong(1, now);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    public void setExternalRef(Connection c, String receiver, String groupKey, String ref) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE notify_group SET external_ref = ? WHERE receiver = ? "
                + "AND group_key = ?")) {
            ps.setString(1, ref);
            ps.setString(2, receiver);
            ps.setString(3, groupKey);
            ps.executeUpdate();
        }
    }

    public void retryAt(long id, long at, String error) throws SQLException {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbox_message SET next_attempt_at = ?, "
                    + "last_error = ? WHERE id = ?")) {
                ps.setLong(1, at);
                ps.setString(2, error);
                ps.setLong(3, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Moves a message to the dead letters. */
    public void dead(Connection c, Message m, String error, long now) throws SQLException {
        try (PreparedStatement up = c.prepareStatement("UPDATE outbox_message SET state = 'DEAD', last_error = ? "
                + "WHERE id = ?");
             PreparedStatement ins = c.prepareStatement("INSERT INTO dead_letter (message_id, receiver, group_key, "
                     + "payload, attempts, last_error, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            up.setString(1, error);
            up.setLong(2, m.id());
            up.executeUpdate();
            ins.setLong(1, m.id());
            ins.setString(2, m.receiver());
            ins.setString(3, m.groupKey());
            ins.setString(4, m.payload());
            ins.setInt(5, m.attempts());
            ins.setString(6, error);
            ins.setLong(7, now);
            ins.executeUpdate();
        }
    }

    public List<DeadLetter> deadLetters(String receiver, int limit) throws SQLException {
        return db.inTransaction(c -> {
            List<DeadLetter> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, message_id, receiver, group_key, payload, "
                    + "attempts, last_error, created_at FROM dead_letter WHERE (CAST(? AS VARCHAR(200)) IS NULL OR receiver = ?) "
                    + "ORDER BY id DESC")) {
                ps.setString(1, receiver);
                ps.setString(2, receiver);
                ps.setMaxRows(limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new DeadLetter(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getInt(6), rs.getString(7), rs.getLong(8)));
                    }
                }
            }
            return out;
        });
    }
}
