package io.driftwatch.evaluation;

import io.driftwatch.store.Database;

import io.driftwatch.drift.ColumnReference;
import io.driftwatch.drift.ReferenceProfile;
import io.driftwatch.drift.Sample;
import io.driftwatch.util.Json;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

/** Fitted reference profiles, one per (model, version, reference fingerprint). */
public final class ProfileStore {
    private final Database db;

    public ProfileStore(Database db) {
        this.db = db;
    }

    /** A column as stored: numeric columns use sorted/edges/shares, categorical ones use counts. */
    record ColumnDto(String kind, double[] sorted, long missing, double[] edges, double[] shares,
                     Map<String, Long> counts, String sketch) {
    }

    public Optional<ReferenceProfile> find(String model, String version, String fingerprint) throws SQLException {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT fitted_at, profile FROM reference_profile "
                    + "WHERE model = ? AND version = ? AND fingerprint = ?")) {
                ps.setString(1, model);
                ps.setString(2, version);
                ps.setString(3, fingerprint);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new ReferenceProfile(model, version, fingerprint,
                            Instant.ofEpochMilli(rs.getLong(1)), decode(rs.getString(2))));
                }
            }
        });
    }

    /** The fingerprint the model version's stored profile was fitted from, if one is stored. */
    public Optional<String> fingerprintOf(String model, String version) throws SQLException {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT fingerprint FROM reference_profile "
                    + "WHERE model = ? AND version = ? ORDER BY fitted_at DESC")) {
                ps.setString(1, model);
                ps.setString(2, version);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Stores a profile in place of any earlier one of the same model version (one profile per version). */
    public void save(ReferenceProfile p) throws SQLException {
        db.inTransaction(c -> {
            try (PreparedStatement del = c.prepareStatement(
                    "DELETE FROM reference_profile WHERE model = ? AND version = ?");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO reference_profile "
                         + "(model, version, fingerprint, fitted_at, profile) VALUES (?, ?, ?, ?, ?)")) {
                del.setString(1, p.model());
                del.setString(2, p.version());
                del.executeUpdate();
                ins.setString(1, p.model());
                ins.setString(2, p.version());
                ins.setString(3, p.fingerprint());
                ins.setLong(4, p.fittedAt().toEpochMilli());
                ins.setString(5, encode(p.columns()));
                ins.executeUpdate();
            }
            return null;
        });
    }

    static String encode(Map<String, ColumnReference> columns) {
        Map<String, ColumnDto> out = new HashMap<>();
        columns.forEach((name, col) -> out.put(name, dto(col)));
        return Json.write(out);
    }

    private static ColumnDto dto(ColumnReference col) {
        long missing = col.sample().missing();
        if (col instanceof ColumnReference.Numeric n) {
            return new ColumnDto("numeric", n.sample().sorted(), missing, n.edges(), n.shares(), null, null);
        }
        if (col instanceof ColumnReference.NumericSketch s) {
            String bytes = Base64.getEncoder().encodeToString(s.sample().sketch().toByteArray());
            return new ColumnDto("sketch", null, missing, s.edges(), s.shares(), null, bytes);
        }
        return new ColumnDto("categorical", null, missing, null, null,
                ((ColumnReference.Categorical) col).sample().counts(), null);
    }

    private static ColumnReference column(ColumnDto d) {
        return switch (d.kind()) {
            case "numeric" -> new ColumnReference.Numeric(new Sample.Numeric(d.sorted(), d.missing()), d.edges(), d.shares());
            case "sketch" -> new ColumnReference.NumericSketch(new Sample.NumericSketch(KllDoublesSketch.heapify(
                    Memory.wrap(Base64.getDecoder().decode(d.sketch()))), d.missing()), d.edges(), d.shares());
            default -> new ColumnReference.Categorical(new Sample.Categorical(d.counts(), d.missing()));
        };
    }

    static Map<String, ColumnReference> decode(String json) {
        var type = Json.MAPPER.getTypeFactory().constructMapType(Map.class, String.class, ColumnDto.class);
        Map<String, ColumnDto> in = Json.MAPPER.readValue(json, type);
        Map<String, ColumnReference> out = new HashMap<>();
        in.forEach((name, d) -> out.put(name, column(d)));
        return out;
    }
}
