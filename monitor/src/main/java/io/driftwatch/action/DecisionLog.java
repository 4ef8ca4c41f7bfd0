package io.driftwatch.action;

import io.driftwatch.store.Database;

import io.driftwatch.util.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The action decisions: inserted once, then updated as they move on; never deleted. */
public final class DecisionLog {
    private static final String COLUMNS = "id, model, kind, strategy, rule, evidence, state, guard, target, patch, "
            + "revision_before, revision_after, error, approved_by, created_at, expires_at, finished_at";

    private final Database db;

    public DecisionLog(Database db) {
        this.db = db;
    }

    public Decision insert(Decision d) throws SQLException {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO action_decision (model, kind, strategy, rule, "
                    + "evidence, state, guard, target, patch, revision_before, revision_after, error, approved_by, "
                    + "created_at, expires_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                bind(ps, d);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return d.withId(keys.getLong(1));
                }
            }
        });
    }

    public void update(Decision d) throws SQLException {
        db.inTransaction(c -> {
            update(c, d);
            return null;
        });
    }

    public void update(Connection c, Decision d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE action_decision SET model = ?, kind = ?, strategy = ?, "
                + "rule = ?, evidence = ?, state = ?, guard = ?, target = ?, patch = ?, revision_before = ?, "
                + "revision_after = ?, error = ?, approved_by = ?, created_at = ?, expires_at = ?, finished_at = ? "
                + "WHERE id = ?")) {
            bind(ps, d);
            ps.setLong(17, d.id());
            ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Decision d) throws SQLException {
        ps.setString(1, d.model());
        ps.setString(2, d.kind().name());
        ps.setString(3, d.strategy());
        ps.setString(4, d.rule());
        ps.setString(5, Json.write(d.evidence()));
        ps.setString(6, d.state().name());
        ps.setString(7, d.guard());
        ps.setString(8, d.target());
        ps.setString(9, d.patch());
        ps.setString(10, d.revisionBefore());
        ps.setString(11, d.revisionAfter());
        ps.setString(12, d.error());
        ps.setString(13, d.approvedBy());
        ps.setLong(14, d.createdAt().toEpochMilli());
        time(ps, 15, d.expiresAt());
        time(ps, 16, d.finishedAt());
    }

    private static void time(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, t.toEpochMilli());
        }
    }

    public Optional<Decision> find(long id) throws SQLException {
        return query("WHERE id = ?", List.of(id), 1).stream().findFirst();
    }

    /** Decisions newest first, optionally for one model. */
    public List<Decision> list(String model, int limit) throws SQLException {
        return model == null ? query("ORDER BY id DESC", List.of(), limit)
                : query("WHERE model = ? ORDER BY id DESC", List.of(model), limit);
    }

    /** A model's decisions of one kind since a time, newest first. */
    public List<Decision> since(String model, Decision.Kind kind, Instant since) throws SQLException {
        return query("WHERE model = ? AND kind = ? AND created_at >= ? ORDER BY id DESC",
                List.of(model, kind.name(), since.toEpochMilli()), 10_000);
    }

    public List<Decision> pendingApproval() throws SQLException {
        return query("WHERE state = 'PENDING_APPROVAL' ORDER BY id", List.of(), 10_000);
    }

    private List<Decision> query(String where, List<Object> args, int limit) throws SQLException {
        return db.inTransaction(c -> {
            List<Decision> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM action_decision " + where)) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                ps.setMaxRows(limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
            }
            return out;
        });
    }

    private static Decision row(ResultSet rs) throws SQLException {
        var type = Json.MAPPER.getTypeFactory().constructMapType(Map.class, String.class, Object.class);
        Map<String, Object> evidence = Json.MAPPER.readValue(rs.getString(6), type);
        return new Decision(rs.getLong(1), rs.getString(2), Decision.Kind.valueOf(rs.getString(3)), rs.getString(4),
                rs.getString(5), evidence, Decision.State.valueOf(rs.getString(7)), rs.getString(8), rs.getString(9),
                rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14),
                Instant.ofEpochMilli(rs.getLong(15)), instant(rs, 16), instant(rs, 17));
    }

    private static Instant instant(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }
}
