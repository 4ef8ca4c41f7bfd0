package io.driftwatch.store;

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
    void migrationsAndStoresWorkOnPostgres() throws Exception {
        Instant t = Instant.parse("2026-11-28T00:00:00Z");
        try (Database db = Database.open(CONFIG)) {
            assertThat(db.schemaVersion()).isEqualTo(Database.MIGRATIONS.size());
            RuleState firing = new RuleState("R", "m", "x", AlertState.FIRING, 2, t, t, 0.5, t, t);
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
}
