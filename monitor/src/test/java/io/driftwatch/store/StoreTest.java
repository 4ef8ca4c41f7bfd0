package io.driftwatch.store;

import io.driftwatch.evaluation.ProfileStore;
import io.driftwatch.rules.RuleStateStore;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.config.StoreConfig;
import io.driftwatch.drift.ColumnReference;
import io.driftwatch.drift.ReferenceProfile;
import io.driftwatch.drift.Sample;
import io.driftwatch.rules.AlertState;
import io.driftwatch.rules.RuleEvaluator;
import io.driftwatch.rules.RuleState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
    @TempDir
    Path dir;

    private StoreConfig config() {
        return new StoreConfig("jdbc:h2:file:" + dir.resolve("dw") + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
    }

    @Test
    void migrationsRunOnceAndDataSurvivesReopening() throws Exception {
        Instant t = Instant.parse("2026-11-28T00:00:00Z");
        RuleState firing = new RuleState("R", "m", io.driftwatch.rules.InstanceKey.parse("x"), AlertState.FIRING, 3, t, t.plusSeconds(60), 0.4, t.plusSeconds(120),
                t.plusSeconds(120));
        try (Database db = Database.open(config())) {
            assertThat(db.schemaVersion()).isEqualTo(Database.MIGRATIONS.size());
            db.inTransaction(c -> {
                new RuleStateStore(db).save(c, List.of(firing));
                return null;
            });
        }
        try (Database db = Database.open(config())) {
            assertThat(db.schemaVersion()).isEqualTo(Database.MIGRATIONS.size());
            Map<String, RuleState> states = new RuleStateStore(db).forModel("m");
            assertThat(states).containsExactly(Map.entry(RuleEvaluator.key("R", "m", io.driftwatch.rules.InstanceKey.parse("x")), firing));
            assertThat(new RuleStateStore(db).countByState()).containsEntry(AlertState.FIRING, 1L);
        }
    }

    @Test
    void aFailedTransactionLeavesNothingBehind() throws Exception {
        try (Database db = Database.open(config())) {
            RuleState s = RuleState.inactive("R", "m", io.driftwatch.rules.InstanceKey.parse("x"), Instant.now());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> db.inTransaction(c -> {
                new RuleStateStore(db).save(c, List.of(s));
                throw new java.sql.SQLException("boom");
            })).hasMessage("boom");
            assertThat(new RuleStateStore(db).forModel("m")).isEmpty();
        }
    }

    @Test
    void referenceProfilesRoundTrip() throws Exception {
        ColumnReference.Numeric num = ColumnReference.Numeric.fit(new Sample.Numeric(new double[] {1, 2, 3, 4, 5}, 2));
        ColumnReference.Categorical cat = new ColumnReference.Categorical(new Sample.Categorical(Map.of("a", 3L), 1));
        ReferenceProfile p = new ReferenceProfile("m", "7", "file:/r", Instant.ofEpochMilli(1000), Map.of("x", num, "c", cat));
        try (Database db = Database.open(config())) {
            ProfileStore store = new ProfileStore(db);
            store.save(p);
            ReferenceProfile back = store.find("m", "7", "file:/r").orElseThrow();
            ColumnReference.Numeric x = (ColumnReference.Numeric) back.columns().get("x");
            assertThat(x.sample().sorted()).containsExactly(1, 2, 3, 4, 5);
            assertThat(x.sample().missing()).isEqualTo(2);
            assertThat(x.edges()).containsExactly(num.edges());
            assertThat(((ColumnReference.Categorical) back.columns().get("c")).sample().counts()).containsEntry("a", 3L);
            assertThat(store.find("m", "8", "file:/r")).isEmpty();
            var sketch = ColumnReference.NumericSketch.fit(io.driftwatch.drift.Sketches.of(
                    new Sample.Numeric(java.util.stream.IntStream.range(0, 10_000).asDoubleStream().toArray(), 5)));
            store.save(new ReferenceProfile("m", "9", "f", Instant.ofEpochMilli(1), Map.of("x", sketch)));
            var back9 = (ColumnReference.NumericSketch) store.find("m", "9", "f").orElseThrow().columns().get("x");
            assertThat(back9.sample().sketch().getN()).isEqualTo(10_000);
            assertThat(back9.sample().missing()).isEqualTo(5);
            assertThat(back9.edges()).containsExactly(sketch.edges());
        }
    }

    @Test
    void splitsMigrationScriptsIntoStatements() {
        assertThat(Database.statements("-- c\nCREATE TABLE a (x INT);\nCREATE INDEX i ON a (x);\n"))
                .containsExactly("CREATE TABLE a (x INT)", "CREATE INDEX i ON a (x);".replace(";", ""));
    }
}
