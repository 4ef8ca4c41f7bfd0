package io.driftwatch.rules;

import io.driftwatch.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Rule instance states, so that pending and firing alerts survive a restart. */
public final class RuleStateStore {
    private final Database db;

    public RuleStateStore(Database db) {
        this.db = db;
    }

    /** All states of a model, keyed as {@link RuleEvaluator#key}. */
    public Map<String, RuleState> forModel(String model) throws SQLException {
        return select("model", model);
    }

    /** All states of a rule, keyed as {@link RuleEvaluator#key}. */
    public Map<String, RuleState> forRule(String rule) throws SQLException {
        return select("rule", rule);
    }

    private Map<String, RuleState> select(String column, String value) throws SQLException {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT rule, model, feature, state, breaches, "
                    + "active_since, fired_at, last_value, updated_at, last_breach_at FROM rule_state WHERE "
                    + column + " = ?")) {
                ps.setString(1, value);
                Map<String, RuleState> out = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        RuleState s = row(rs);
                        out.put(RuleEvaluator.key(s.rule(), s.model(), s.instance()), s);
                    }
                }
                return out;
            }
        });
    }

    /** Counts of instances per state, across models. */
    public Map<AlertState, Long> countByState() throws SQLException {
        return db.inTransaction(c -> {
            Map<AlertState, Long> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT state, COUNT(*) FROM rule_state GROUP BY state");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(AlertState.valueOf(rs.getString(1)), rs.getLong(2));
                }
            }
            return out;
        });
    }

    /** Forgets every rule state of a model (one taken out of the configuration), on the given connection. */
    public void forget(Connection c, String model) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM rule_state WHERE model = ?")) {
            ps.setString(1, model);
            ps.executeUpdate();
        }
    }

    /** Upserts states on the given connection (part of the cycle's transaction). */
    public void save(Connection c, List<RuleState> states) throws SQLException {
        try (PreparedStatement del = c.prepareStatement(
                "DELETE FROM rule_state WHERE rule = ? AND model = ? AND feature = ?");
             PreparedStatement ins = c.prepareStatement("INSERT INTO rule_state (rule, model, feature, state, "
                     + "breaches, active_since, fired_at, last_value, updated_at, last_breach_at) "
                     + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (RuleState s : states) {
                del.setString(1, s.rule());
                del.setString(2, s.model());
                del.setString(3, s.instance().text());
                del.addBatch();
                ins.setString(1, s.rule());
                ins.setString(2, s.model());
                ins.setString(3, s.instance().text());
                ins.setString(4, s.state().name());
                ins.setInt(5, s.breaches());
                setInstant(ins, 6, s.activeSince());
                setInstant(ins, 7, s.firedAt());
                if (s.lastValue() == null || !Double.isFinite(s.lastValue())) {
                    ins.setNull(8, Types.DOUBLE);
                } else {
                    ins.setDouble(8, s.lastValue());
                }
                ins.setLong(9, s.updatedAt().toEpochMilli());
                setInstant(ins, 10, s.lastBreachAt());
                ins.addBatch();
            }
            del.executeBatch();
            ins.executeBatch();
        }
    }

    private static void setInstant(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, t.toEpochMilli());
        }
    }

    private static RuleState row(ResultSet rs) throws SQLException {
        return new RuleState(rs.getString(1), rs.getString(2), InstanceKey.parse(rs.getString(3)), AlertState.valueOf(rs.getString(4)),
                rs.getInt(5), instant(rs, 6), instant(rs, 7), rs.getObject(8) == null ? null : rs.getDouble(8),
                Instant.ofEpochMilli(rs.getLong(9)), instant(rs, 10));
    }

    private static Instant instant(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }
}
