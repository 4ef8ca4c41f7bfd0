package io.driftwatch.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the store bounded: deletes rows older than their table's retention, in batches of {@link #BATCH}
 * rows (each its own short transaction, so evaluations and deliveries are never blocked for long), and
 * at most {@link #MAX_BATCHES} batches per table per round; what is left goes in the next round. The
 * stages say what may go ({@link Rule}); this class knows no table of its own.
 */
public final class Retention {
    static final int BATCH = 500;
    static final int MAX_BATCHES = 20;

    /** Rows of {@code table} whose {@code timeColumn} is older than {@code keep} and that match {@code and}. */
    public record Rule(String name, String table, String timeColumn, String and, Duration keep) {
    }

    private final Database db;
    private final List<Rule> rules;

    public Retention(Database db, List<Rule> rules) {
        this.db = db;
        this.rules = List.copyOf(rules);
    }

    /** One round: rows deleted per rule name. */
    public Map<String, Long> prune(Instant now) throws SQLException {
        Map<String, Long> deleted = new LinkedHashMap<>();
        for (Rule r : rules) {
            long cutoff = now.minus(r.keep()).toEpochMilli();
            long total = 0;
            for (int b = 0; b < MAX_BATCHES; b++) {
                int n = batch(r, cutoff);
                total += n;
                if (n < BATCH) {
                    break;
                }
            }
            deleted.put(r.name(), total);
        }
        return deleted;
    }

    private int batch(Rule r, long cutoff) throws SQLException {
        String where = r.timeColumn() + " < ?" + (r.and().isEmpty() ? "" : " AND " + r.and());
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + r.table() + " WHERE id IN (SELECT id FROM "
                    + r.table() + " WHERE " + where + " ORDER BY id LIMIT " + BATCH + ")")) {
                ps.setLong(1, cutoff);
                return ps.executeUpdate();
            }
        });
    }
}
