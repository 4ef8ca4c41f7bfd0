package io.driftwatch.evaluation;

import io.driftwatch.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The evaluation history. */
public final class EvaluationStore {
    private final Database db;

    public EvaluationStore(Database db) {
        this.db = db;
    }

    /** Inserts on the given connection (part of the cycle's transaction) and returns the new id. */
    public long insert(java.sql.Connection c, EvaluationRow e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO evaluation (model, version, started_at, "
                + "finished_at, window_from, window_to, verdict, records, skipped, drifted, error, report) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, e.model());
            ps.setString(2, e.version());
            ps.setLong(3, e.startedAt().toEpochMilli());
            ps.setLong(4, e.finishedAt().toEpochMilli());
            ps.setLong(5, e.windowFrom().toEpochMilli());
            ps.setLong(6, e.windowTo().toEpochMilli());
            ps.setString(7, e.verdict());
            ps.setLong(8, e.records());
            ps.setLong(9, e.skipped());
            ps.setInt(10, e.drifted());
            ps.setString(11, e.error());
            ps.setString(12, e.report());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Evaluations per model whose distributions are kept for the console; older details are deleted. */
    public static final int DETAILS_KEPT = 50;

    /** Stores an evaluation's distributions (same transaction) and drops the model's older ones. */
    public void insertDetail(java.sql.Connection c, long evaluationId, String model, String detail) throws SQLException {
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO evaluation_detail (evaluation_id, model, detail) "
                + "VALUES (?, ?, ?)");
             PreparedStatement prune = c.prepareStatement("DELETE FROM evaluation_detail WHERE model = ? AND "
                     + "evaluation_id NOT IN (SELECT evaluation_id FROM evaluation_detail WHERE model = ? "
                     + "ORDER BY evaluation_id DESC LIMIT " + DETAILS_KEPT + ")")) {
            ins.setLong(1, evaluationId);
            ins.setString(2, model);
            ins.setString(3, detail);
            ins.executeUpdate();
            prune.setString(1, model);
            prune.setString(2, model);
            prune.executeUpdate();
        }
    }

    /** An evaluation's distributions (JSON), when still kept. */
    public Optional<String> detail(String model, long evaluationId) throws SQLException {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT detail FROM evaluation_detail WHERE evaluation_id = ? "
                    + "AND model = ?")) {
                ps.setLong(1, evaluationId);
                ps.setString(2, model);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** The newest evaluations of a model, newest first. */
    public List<EvaluationRow> recent(String model, int limit) throws SQLException {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, model, version, started_at, finished_at, "
                    + "window_from, window_to, verdict, records, skipped, drifted, error, report FROM evaluation "
                    + "WHERE model = ? ORDER BY id DESC LIMIT ?")) {
                ps.setString(1, model);
                ps.setInt(2, limit);
                List<EvaluationRow> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
                return out;
            }
        });
    }

    /** When the newest evaluation of the model that read at least one record finished, if any did. */
    public Optional<Instant> lastWithRecords(String model) throws SQLException {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT MAX(finished_at) FROM evaluation WHERE model = ? AND records > 0")) {
                ps.setString(1, model);
                try (ResultSet rs = ps.executeQuery()) {
                    long at = rs.next() ? rs.getLong(1) : 0;
                    return at == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(at));
                }
            }
        });
    }

    public Optional<EvaluationRow> latest(String model) throws SQLException {
        return recent(model, 1).stream().findFirst();
    }

    private static EvaluationRow row(ResultSet rs) throws SQLException {
        return new EvaluationRow(rs.getLong(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)),
                Instant.ofEpochMilli(rs.getLong(5)), Instant.ofEpochMilli(rs.getLong(6)),
                Instant.ofEpochMilli(rs.getLong(7)), rs.getString(8), rs.getLong(9), rs.getLong(10), rs.getInt(11),
                rs.getString(12), rs.getString(13));
    }
}
