package io.driftwatch.alert.silence;

import io.driftwatch.store.Database;

import io.driftwatch.util.Json;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Silences, persisted so that they outlive restarts. */
public final class SilenceStore {
    private final Database db;

    public SilenceStore(Database db) {
        this.db = db;
    }

    public void insert(Silence s) throws SQLException {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO silence (id, matchers, starts_at, ends_at, "
                    + "created_by, comment, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, s.id());
                ps.setString(2, Json.write(s.matchers()));
                ps.setLong(3, s.startsAt().toEpochMilli());
                ps.setLong(4, s.endsAt().toEpochMilli());
                ps.setString(5, s.createdBy());
                ps.setString(6, s.comment());
                ps.setLong(7, s.createdAt().toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public List<Silence> all() throws SQLException {
        return db.inTransaction(c -> {
            List<Silence> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, matchers, starts_at, ends_at, created_by, "
                    + "comment, created_at FROM silence ORDER BY created_at DESC, id");
                 ResultSet rs = ps.executeQuery()) {
                var type = Json.MAPPER.getTypeFactory().constructCollectionType(List.class, String.class);
                while (rs.next()) {
                    List<String> matchers = Json.MAPPER.readValue(rs.getString(2), type);
                    out.add(new Silence(rs.getString(1), matchers, Instant.ofEpochMilli(rs.getLong(3)),
                            Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5), rs.getString(6),
                            Instant.ofEpochMilli(rs.getLong(7))));
                }
            }
            return out;
        });
    }

    public Optional<Silence> find(String id) throws SQLException {
        return all().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** Ends a silence now (kept for the record); false when there is no such silence. */
    public boolean expire(String id, Instant now) throws SQLException {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE silence SET ends_at = ? WHERE id = ? AND ends_at > ?")) {
                ps.setLong(1, now.toEpochMilli());
                ps.setString(2, id);
                ps.setLong(3, now.toEpochMilli());
                return ps.executeUpdate() == 1;
            }
        });
    }
}
