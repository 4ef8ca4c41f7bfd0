package io.driftwatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.config.StoreConfig;
import io.driftwatch.evaluation.ModelCursors;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store's cluster parts on a real PostgreSQL (in their own schema): Quartz's tables migrated, one
 * lease holder at a time with fencing, rule-state versions that refuse a second commit, and retention
 * that deletes only what is old enough.
 */
class ClusterStoreTest {
    private static final String BASE = System.getenv().getOrDefault("DRIFTWATCH_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/driftwatch_test");
    private static final String URL = BASE + "?currentSchema=cluster_store";
    private static final StoreConfig CONFIG = new StoreConfig(URL, "driftwatch", "driftwatch");

    @BeforeEach
    void emptySchema() throws Exception {
        try (Connection c = DriverManager.getConnection(BASE, "driftwatch", "driftwatch"); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS cluster_store CASCADE");
            s.execute("CREATE SCHEMA cluster_store");
        }
    }

    @Test
    void quartzTablesAreMigratedOnPostgres() throws Exception {
        try (Database db = Database.open(CONFIG); Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = "
                     + "'cluster_store' AND table_name LIKE 'qrtz_%'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("Quartz's 11 tables").isEqualTo(11);
            assertThat(db.isPostgres()).isTrue();
        }
    }

    @Test
    void oneReplicaHoldsALeaseAndALostLeaseFencesItsWrites() throws Exception {
        try (Database db = Database.open(CONFIG)) {
            Leases a = new Leases(db, "a", Duration.ofSeconds(10));
            Leases b = new Leases(db, "b", Duration.ofSeconds(10));
            long t = 1_000_000;
            assertThat(a.acquire("outbox:x", t)).isTrue();
            assertThat(b.acquire("outbox:x", t + 5_000)).as("held by a, not expired").isFalse();
            assertThat(a.acquire("outbox:x", t + 5_000)).as("renewed by its holder").isTrue();
            assertThat(b.acquire("outbox:x", t + 16_000)).as("a stopped renewing: b takes it").isTrue();
            assertThat(db.<Boolean>inTransaction(c -> a.holds(c, "outbox:x", t + 16_001))).as("a is fenced out").isFalse();
            assertThat(db.<Boolean>inTransaction(c -> b.holds(c, "outbox:x", t + 16_001))).isTrue();
            b.release("outbox:x");
            assertThat(a.acquire("outbox:x", t + 16_002)).as("released: taken at once").isTrue();
        }
    }

    @Test
    void aSecondCommitOnTheSameRuleStateVersionIsRefused() throws Exception {
        try (Database db = Database.open(CONFIG)) {
            ModelCursors one = new ModelCursors(db, "one");
            ModelCursors two = new ModelCursors(db, "two");
            Instant t = Instant.parse("2026-12-01T00:00:00Z");
            long seen = one.version("m");
            assertThat(two.version("m")).isEqualTo(seen).isZero();
            db.inTransaction(c -> {
                one.advance(c, "m", seen, t, t);
                return null;
            });
            assertThatThrownBy(() -> db.inTransaction(c -> {
                two.advance(c, "m", seen, t, t);
                return null;
            })).isInstanceOf(ModelCursors.Superseded.class);
            long next = two.version("m");
            db.inTransaction(c -> {
                two.advance(c, "m", next, t.plusSeconds(60), t.plusSeconds(60));
                return null;
            });
            assertThat(one.get("m")).hasValueSatisfying(cur -> {
                assertThat(cur.version()).isEqualTo(2);
                assertThat(cur.replica()).isEqualTo("two");
                assertThat(cur.windowTo()).isEqualTo(t.plusSeconds(60));
            });
        }
    }

    @Test
    void retentionDeletesOnlyOldRowsInBatches() throws Exception {
        try (Database db = Database.open(CONFIG)) {
            Instant now = Instant.parse("2026-12-01T00:00:00Z");
            int old = Retention.BATCH * 2 + 7;
            db.inTransaction(c -> {
                try (var ps = c.prepareStatement("INSERT INTO dead_letter (message_id, receiver, group_key, payload, "
                        + "attempts, created_at) VALUES (1, 'r', 'g', '{}', 1, ?)")) {
                    for (int i = 0; i < old + 3; i++) {
                        ps.setLong(1, (i < old ? now.minus(Duration.ofDays(2)) : now.minusSeconds(60)).toEpochMilli());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return null;
            });
            Retention r = new Retention(db, List.of(new Retention.Rule("dead_letter", "dead_letter", "created_at", "",
                    Duration.ofDays(1))));
            assertThat(r.prune(now)).isEqualTo(Map.of("dead_letter", (long) old));
            assertThat(r.prune(now)).isEqualTo(Map.of("dead_letter", 0L));
            try (Connection c = db.connection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM dead_letter")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(3);
            }
        }
    }
}
