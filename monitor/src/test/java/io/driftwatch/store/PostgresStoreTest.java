package io.driftwatch.store;

import io.driftwatch.alert.AlertStore;
import io.driftwatch.alert.outbox.OutboxStore;
import io.driftwatch.alert.silence.SilenceStore;
import io.driftwatch.evaluation.EvaluationRow;
import io.driftwatch.evaluation.EvaluationStore;
import io.driftwatch.evaluation.ProfileStore;
import io.driftwatch.rules.RuleStateStore;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.config.StoreConfig;
import io.driftwatch.drift.ColumnReference;
import io.driftwatch.drift.ReferenceProfile;
import io.driftwatch.drift.Sample;
import io.driftwatch.rules.AlertState;
import io.driftwatch.rules.RuleState;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The same migrations and stores on a real PostgreSQL (started by .ci/run: cluster 15/main, role and
 * database driftwatch_test), so that the schema is known to run there too.
 */
class PostgresStoreTest {
    private static final String URL = System.getenv().getOrDefault("DRIFTWATCH_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/driftwatch_test");
    private static final StoreConfig CONFIG = new StoreConfig(URL, "driftwatch", "driftwatch");

    @BeforeEach
    void emptySchema() throws Exception {
        try (Connection c = DriverManager.getConnection(URL, "driftwatch", "driftwatch"); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS public CASCADE");
            s.execute("CREATE SCHEMA public");
        }
    }

    @Test
    void replicasStartingTogetherMigrateOnceWithoutFailing() throws Exception {
        int replicas = 4;
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(replicas);
        try {
            List<java.util.concurrent.Future<Integer>> opened = new java.util.ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                opened.add(pool.submit(() -> {
                    go.await();
                    try (Database db = Database.open(CONFIG)) {
                        return db.schemaVersion();
                    }
                }));
            }
            go.countDown();
            for (var f : opened) {
                assertThat(f.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(Database.MIGRATIONS.size());
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = DriverManager.getConnection(URL, "driftwatch", "driftwatch"); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM schema_version")) {
            rs.next();
            assertThat(rs.getInt(1)).as("each migration applied once").isEqualTo(Database.MIGRATIONS.size());
        }
    }

    @Test
    void migrationsAndStoresWorkOnPostgres() throws Exception {
        Instant t = Instant.parse("2026-11-28T00:00:00Z");
        try (Database db = Database.open(CONFIG)) {
            assertThat(db.schemaVersion()).isEqualTo(Database.MIGRATIONS.size());
            RuleState firing = new RuleState("R", "m", io.driftwatch.rules.InstanceKey.parse("x"), AlertState.FIRING, 2, t, t, 0.5, t, t);
            long id = db.inTransaction(c -> {
                new RuleStateStore(db).save(c, List.of(firing));
                return new EvaluationStore(db).insert(c, new EvaluationRow(0, "m", "1", t, t, t, t, "DRIFT", 10, 1, 1,
                        null, "{\"columns\":[]}"));
            });
            assertThat(id).isPositive();
            assertThat(new RuleStateStore(db).forModel("m")).containsValue(firing);
            assertThat(new EvaluationStore(db).recent("m", 5)).singleElement()
                    .satisfies(e -> assertThat(e.verdict()).isEqualTo("DRIFT"));
            ColumnReference.Numeric num = ColumnReference.Numeric.fit(new Sample.Numeric(new double[] {1, 2, 3}, 0));
            new ProfileStore(db).save(new ReferenceProfile("m", "1", "f", t, Map.of("x", num)));
            assertThat(new ProfileStore(db).find("m", "1", "f")).isPresent();
        }
        try (Database db = Database.open(CONFIG)) {
            assertThat(db.schemaVersion()).isEqualTo(Database.MIGRATIONS.size());
            assertThat(new EvaluationStore(db).recent("m", 5)).hasSize(1);
        }
    }

    @Test
    void theOutboxSilencesAndAlertQueriesRunOnPostgres() throws Exception {
        Instant t = Instant.parse("2026-11-28T00:00:00Z");
        Map<String, String> labels = Map.of("alertname", "Drift", "model", "m", "feature", "x", "severity", "warning");
        io.driftwatch.alert.Alert a = new io.driftwatch.alert.Alert(io.driftwatch.alert.Alert.fingerprint(labels), labels,
                Map.of(), io.driftwatch.alert.AlertStatus.FIRING, t, null, 0.3, "http://dw");
        try (Database db = Database.open(CONFIG)) {
            OutboxStore out = new OutboxStore(db);
            AlertStore alerts = new AlertStore(db);
            db.inTransaction(c -> {
                out.insertItem(c, "r", "0:{}", "0", alerts.insert(c, a), a, t.toEpochMilli());
                return null;
            });
            var items = out.openItems("r").get("0:{}");
            assertThat(items).singleElement().satisfies(i -> assertThat(i.alert()).isEqualTo(a));
            assertThat(out.pending("r")).isEqualTo(1);
            long id = db.inTransaction(c -> {
                long m = out.insertMessage(c, "r", "0:{}", "dw-1", "{}", t.toEpochMilli());
                out.take(c, items, m);
                out.saveGroup(c, "r", new OutboxStore.Group("0:{}", Map.of(a.fingerprint(), a), t.toEpochMilli(), null));
                return m;
            });
            db.inTransaction(c -> {
                out.startAttempt(c, id);
                return null;
            });
            assertThat(out.nextPending("r")).hasValueSatisfying(m -> assertThat(m.attempts()).isEqualTo(1));
            assertThat(out.staleGroups("r", t.toEpochMilli())).hasSize(1);
            db.inTransaction(c -> {
                out.dead(c, out.nextPending("r").orElseThrow(), "HTTP 400", t.toEpochMilli());
                return null;
            });
            assertThat(out.deadLetters(null, 10)).hasSize(1);
            assertThat(out.deadLetters("r", 10)).hasSize(1);
            assertThat(out.deadLetters("other", 10)).isEmpty();
            assertThat(alerts.firing()).extracting(io.driftwatch.alert.Alert::fingerprint).containsExactly(a.fingerprint());
            assertThat(alerts.list("firing", false, "m", "Drift", 10)).hasSize(1);
            assertThat(alerts.list("firing", true, "m", "Drift", 10)).as("its latest event").hasSize(1);
            SilenceStore silences = new SilenceStore(db);
            silences.insert(new io.driftwatch.alert.silence.Silence("s1", List.of("model=\"m\""), t, t.plusSeconds(60),
                    "ana", "why", t));
            assertThat(silences.expire("s1", t.plusSeconds(1))).isTrue();
            assertThat(silences.all()).singleElement().satisfies(x -> assertThat(x.endsAt()).isEqualTo(t.plusSeconds(1)));
        }
    }
}
