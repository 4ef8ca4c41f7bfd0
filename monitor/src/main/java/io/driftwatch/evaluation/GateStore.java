package io.driftwatch.evaluation;

import io.driftwatch.store.Database;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/** The gate's audit trail: who asked, about which versions, and the whole answer. */
public final class GateStore {
    private final Database db;

    public GateStore(Database db) {
        this.db = db;
    }

    public void record(String model, GateEvaluator.Verdict v, String caller, String answer, Instant at) throws SQLException {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO gate_call (model, baseline, candidate, verdict, "
                    + "caller, answer, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, model);
                ps.setString(2, v.baseline());
                ps.setString(3, v.candidate());
                ps.setString(4, v.verdict());
                ps.setString(5, caller.length() > 500 ? caller.substring(0, 500) : caller);
                ps.setString(6, answer);
                ps.setLong(7, at.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }
}
