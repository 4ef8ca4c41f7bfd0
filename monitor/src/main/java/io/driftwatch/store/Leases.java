package io.driftwatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Named leases in the store: at most one replica holds a lease until it expires, and renews it while it
 * works. Work done under a lease checks it in its own transaction ({@link #holds}), which also locks the
 * lease's row until commit, so a replica that lost its lease (a long pause) cannot commit behind the new
 * holder's back. Replicas' clocks are assumed to agree to well within the time to live.
 */
public final class Leases {
    private final Database db;
    private final String holder;
    private final Duration ttl;

    public Leases(Database db, String holder, Duration ttl) {
        this.db = db;
        this.holder = holder;
        this.ttl = ttl;
    }

    public String holder() {
        return holder;
    }

    public Duration ttl() {
        return ttl;
    }

    /** Takes the lease when it is free or expired, or renews it when it is ours; true when we hold it. */
    public boolean acquire(String name, long now) throws SQLException {
        boolean renewed = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE lease SET holder = ?, expires_at = ? "
                    + "WHERE name = ? AND (holder = ? OR expires_at < ?)")) {
                ps.setString(1, holder);
                ps.setLong(2, now + ttl.toMillis());
                ps.setString(3, name);
                ps.setString(4, holder);
                ps.setLong(5, now);
                return ps.executeUpdate() == 1;
            }
        });
        if (renewed) {
            return true;
        }
        try {
            return db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO lease (name, holder, expires_at) "
                        + "VALUES (?, ?, ?)")) {
                    ps.setString(1, name);
                    ps.setString(2, holder);
                    ps.setLong(3, now + ttl.toMillis());
                    return ps.executeUpdate() == 1;
                }
            });
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) { // held by another replica
                return false;
            }
            throw e;
        }
    }

    /**
     * In the caller's transaction: whether the lease is still ours, renewing it (its row stays locked until
     * commit). An expired lease that nobody took is still ours: only another holder's name fences us out.
     */
    public boolean holds(Connection c, String name, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE lease SET expires_at = ? WHERE name = ? "
                + "AND holder = ?")) {
            ps.setLong(1, now + ttl.toMillis());
            ps.setString(2, name);
            ps.setString(3, holder);
            return ps.executeUpdate() == 1;
        }
    }

    /** Gives the lease up (at shutdown), so that another replica takes over at once. */
    public void release(String name) throws SQLException {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM lease WHERE name = ? AND holder = ?")) {
                ps.setString(1, name);
                ps.setString(2, holder);
                return ps.executeUpdate();
            }
        });
    }
}
