package io.driftwatch.evaluation;

import io.driftwatch.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The version of each model's rule states. An evaluation reads the version before it reads the states
 * and advances it in the transaction that saves them: when two replicas overlap (a failover, a long
 * pause), the second commit finds the version moved and is discarded, so one breach is never counted
 * twice and an alert never fires twice for it. The cursor also says which replica ran the model last.
 */
public final class ModelCursors {
    private final Database db;
    private final String replica;

    public ModelCursors(Database db, String replica) {
        this.db = db;
        this.replica = replica;
    }

    public String replica() {
        return replica;
    }

    /** A model's cursor: its version, the end of its last committed window, and who committed it. */
    public record Cursor(String model, long version, Instant windowTo, String replica, Instant updatedAt) {
    }

    /** Thrown inside the commit when another replica advanced the cursor first: the commit rolls back. */
    public static final class Superseded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Superseded(String model) {
            super("another replica committed an evaluation of " + model + " first");
        }
    }

    public Optional<Cursor> get(String model) throws SQLException {
        return db.inTransaction(c -> read(c, "WHERE model = ?", model).stream().findFirst());
    }

    public List<Cursor> all() throws SQLException {
        return db.inTransaction(c -> read(c, "ORDER BY model", null));
    }

    /** The version to pass to {@link #advance} (0 before the first evaluation). */
    public long version(String model) throws SQLException {
        return get(model).map(Cursor::version).orElse(0L);
    }

    /** In the commit's transaction: moves the cursor on from {@code expected}, or throws {@link Superseded}. */
    public void advance(Connection c, String model, long expected, Instant windowTo, Instant now) throws SQLException {
        int moved;
        if (expected == 0) {
            moved = insertIfAbsent(c, model, windowTo, now);
        } else {
            try (PreparedStatement ps = c.prepareStatement("UPDATE model_cursor SET version = version + 1, "
                    + "window_to = ?, replica = ?, updated_at = ? WHERE model = ? AND version = ?")) {
                ps.setLong(1, windowTo.toEpochMilli());
                ps.setString(2, replica);
                ps.setLong(3, now.toEpochMilli());
                ps.setString(4, model);
                ps.setLong(5, expected);
                moved = ps.executeUpdate();
            }
        }
        if (moved != 1) {
            throw new Superseded(model);
        }
    }

    private int insertIfAbsent(Connection c, String model, Instant windowTo, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO model_cursor (model, version, window_to, replica, "
                + "updated_at) VALUES (?, 1, ?, ?, ?)")) {
            ps.setString(1, model);
            ps.setLong(2, windowTo.toEpochMilli());
            ps.setString(3, replica);
            ps.setLong(4, now.toEpochMilli());
            return ps.executeUpdate();
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) { // inserted by another replica
                return 0;
            }
            throw e;
        }
    }

    private static List<Cursor> read(Connection c, String where, String arg) throws SQLException {
        List<Cursor> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT model, version, window_to, replica, updated_at "
                + "FROM model_cursor " + where)) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Cursor(rs.getString(1), rs.getLong(2), Instant.ofEpochMilli(rs.getLong(3)),
                            rs.getString(4), Instant.ofEpochMilli(rs.getLong(5))));
                }
            }
        }
        return out;
    }
}
