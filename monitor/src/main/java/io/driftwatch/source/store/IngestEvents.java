package io.driftwatch.source.store;

import io.driftwatch.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@code ingest_event} table: events written in batches, read by service and time, requests joined to responses. */
public final class IngestEvents implements IngestWriter.Sink {
    private final Database db;

    public IngestEvents(Database db) {
        this.db = db;
    }

    /** Writes a batch in one transaction: all of it is durable when this returns, or none of it. */
    @Override
    public void insert(List<IngestEvent> events, Instant now) throws SQLException {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ingest_event (service, namespace, event_id, kind, at, "
                    + "received_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (IngestEvent e : events) {
                    ps.setString(1, e.service());
                    ps.setString(2, e.namespace() == null ? "" : e.namespace());
                    ps.setString(3, e.id());
                    ps.setString(4, e.kind().code);
                    ps.setLong(5, e.at().toEpochMilli());
                    ps.setLong(6, now.toEpochMilli());
                    ps.setString(7, e.body());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** A request and its response's body (null when none came). */
    record Joined(String id, Instant at, String request, String response, boolean unmatched) {
    }

    /**
     * Marks the requests of {@code service} older than {@code before} that have no response as unmatched, once;
     * returns how many were marked now (each replica's sweep marks different rows, so each is counted once).
     */
    int sweep(String service, String namespace, Instant before) throws SQLException {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE ingest_event SET unmatched = TRUE WHERE service = ? "
                    + namespaceFilter(namespace, "") + "AND kind = 'q' AND unmatched = FALSE AND at < ? AND NOT EXISTS "
                    + "(SELECT 1 FROM ingest_event r WHERE r.event_id = ingest_event.event_id AND r.kind = 'r' "
                    + "AND r.service = ingest_event.service)")) {
                int i = bind(ps, service, namespace);
                ps.setLong(i, before.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    /** The requests of [from, to) with their responses (null where none has come yet). */
    List<Joined> read(String service, String namespace, Instant from, Instant to) throws SQLException {
        try (Connection c = db.connection()) {
            Map<String, String> responses = responses(c, service, namespace, from);
            List<Joined> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT event_id, at, body, unmatched FROM ingest_event "
                    + "WHERE service = ? " + namespaceFilter(namespace, "") + "AND kind = 'q' AND at >= ? AND at < ? "
                    + "ORDER BY at, id")) {
                int i = bind(ps, service, namespace);
                ps.setLong(i, from.toEpochMilli());
                ps.setLong(i + 1, to.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String response = responses.get(rs.getString(1));
                        out.add(new Joined(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                                response, rs.getBoolean(4)));
                    }
                }
            }
            return out;
        }
    }

    /** Responses that may answer requests of the window (responses come after their requests). */
    private static Map<String, String> responses(Connection c, String service, String namespace, Instant from)
            throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT event_id, body FROM ingest_event WHERE service = ? "
                + namespaceFilter(namespace, "") + "AND kind = 'r' AND at >= ?")) {
            int i = bind(ps, service, namespace);
            ps.setLong(i, from.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.putIfAbsent(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    private static String namespaceFilter(String namespace, String alias) {
        return namespace == null ? "" : "AND " + alias + "namespace = ? ";
    }

    private static int bind(PreparedStatement ps, String service, String namespace) throws SQLException {
        ps.setString(1, service);
        if (namespace == null) {
            return 2;
        }
        ps.setString(2, namespace);
        return 3;
    }
}
