package io.driftwatch.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.alert.AlertStore;
import io.driftwatch.alert.outbox.OutboxStore;
import io.driftwatch.metrics.Metrics;
import io.driftwatch.store.Database;
import io.driftwatch.support.Fixtures;
import io.driftwatch.support.ManualClock;
import io.driftwatch.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluation stage on its own, with a manual clock and no daemon: which records a window holds,
 * back-off of a down source, its alert and status, refitting a changed reference, and the one commit of
 * evaluation, rule states and alerts.
 */
class EvaluationCycleTest {
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(T0);
    private Database db;
    private EvaluationCycle cycle;
    private SourceHealth health;
    private OutboxStore outbox;
    private Metrics metrics;
    private CycleHarness harness;

    @BeforeEach
    void setUp() throws Exception {
        Path config = Fixtures.config(dir, "1m", "alerts.jsonl");
        Files.writeString(dir.resolve("rules/drift.yaml"), """
                  - name: DataOutOfRange
                    expr: data.out_of_range_share > 0.2
                    for: 1
                  - name: UnexpectedKeys
                    expr: data.unexpected_keys >= 1
                    for: 1
                """, StandardOpenOption.APPEND);
        Fixtures.writeLines(dir.resolve("reference/m.jsonl"), Fixtures.lines(500, 0, T0.minus(Duration.ofDays(1)), 1));
        Fixtures.writeLines(dir.resolve("logs/m.jsonl"), Fixtures.lines(300, 0, T0, 2));
        harness = new CycleHarness(dir, config, clock);
        db = harness.db;
        metrics = harness.metrics;
        outbox = harness.outbox;
        health = harness.health;
        cycle = harness.cycle;
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private void append(List<String> lines) throws Exception {
        Files.write(dir.resolve("logs/m.jsonl"), lines, StandardOpenOption.APPEND);
    }

    @Test
    void aWindowHoldsTheRecordsOfItsOwnPeriodOnly() throws Exception {
        assertThat(cycle.run().records()).isEqualTo(300);
        clock.advance(Duration.ofMinutes(30));
        append(Fixtures.lines(120, 0, clock.instant(), 3));
        assertThat(cycle.run().records()).as("the window is 1h: the first 300 are still in it").isEqualTo(420);
        clock.advance(Duration.ofMinutes(45));
        EvaluationRow later = cycle.run();
        assertThat(later.records()).as("an hour after the first batch only the second remains").isEqualTo(120);
        assertThat(later.windowFrom()).isEqualTo(clock.instant().minus(Duration.ofHours(1)));
        assertThat(later.windowTo()).isEqualTo(clock.instant());
    }

    @Test
    void aDownSourceIsBackedOffAlertedOnceAndResolvedWhenItAnswers() throws Exception {
        Path logs = dir.resolve("logs");
        Path moved = Files.move(logs, dir.resolve("logs-away"));
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            EvaluationRow r = cycle.run();
            outcomes.add(r == null ? "skipped" : r.error() == null ? "ok" : "failed");
        }
        assertThat(outcomes).containsExactly("failed", "failed", "skipped", "failed", "skipped");
        assertThat(health.status().get("logs:m").up()).isFalse();
        assertThat(health.status().get("logs:m").reason()).contains("does not exist");
        assertThat(new AlertStore(db).firing()).extracting(a -> a.labels().get("alertname"))
                .containsExactly("source_unavailable");
        Files.move(moved, logs);
        EvaluationRow back = null;
        for (int i = 0; i < 8 && back == null; i++) {
            back = cycle.run();
        }
        assertThat(back).isNotNull();
        assertThat(back.error()).isNull();
        assertThat(health.status().get("logs:m").up()).isTrue();
        assertThat(new AlertStore(db).firing()).isEmpty();
    }

    @Test
    void anEmptyWindowFitsNoReferenceForAnUnknownVersion() throws Exception {
        clock.advance(Duration.ofHours(3));
        EvaluationRow empty = cycle.run();
        assertThat(empty.records()).isZero();
        assertThat(empty.verdict()).isEqualTo("INCONCLUSIVE");
        assertThat(Json.MAPPER.readTree(empty.report()).get("columns").get(0).get("reason").asString())
                .contains("the window holds no records");
        assertThat(new ProfileStore(db).fingerprintOf("m", "unknown")).isEmpty();
    }

    @Test
    void aChangedReferenceIsRefitted() throws Exception {
        assertThat(nReference(cycle.run())).isEqualTo(500);
        Fixtures.writeLines(dir.resolve("reference/m.jsonl"), Fixtures.lines(800, 0, T0.minus(Duration.ofDays(1)), 9));
        assertThat(nReference(cycle.run())).isEqualTo(800);
        assertThat(new ProfileStore(db).fingerprintOf("m", "7")).get().asString().contains("#sha256:");
    }

    private static long nReference(EvaluationRow r) {
        return Json.MAPPER.readTree(r.report()).get("columns").get(0).get("n_reference").asLong();
    }

    @Test
    void theEvaluationItsRuleStatesAndItsAlertsCommitTogether() throws Exception {
        Fixtures.writeLines(dir.resolve("logs/m.jsonl"), Fixtures.lines(1000, 1.5, T0, 4));
        EvaluationRow first = cycle.run();
        assertThat(first.verdict()).isEqualTo("DRIFT");
        assertThat(new AlertStore(db).firing()).as("XShift needs 2 breaching evaluations").isEmpty();
        clock.advance(Duration.ofMinutes(1));
        EvaluationRow second = cycle.run();
        assertThat(new AlertStore(db).firing()).extracting(a -> a.labels().get("alertname") + " " + a.labels().get("feature"))
                .containsExactly("XShift x");
        assertThat(outbox.pending("file")).as("routed to the receiver in the same transaction").isEqualTo(1);
        assertThat(new EvaluationStore(db).recent("m", 5)).extracting(EvaluationRow::id)
                .containsExactly(second.id(), first.id());
        assertThat(new io.driftwatch.rules.RuleStateStore(db).forModel("m").values())
                .anySatisfy(s -> assertThat(s.state()).isEqualTo(io.driftwatch.rules.AlertState.FIRING));
    }

    @Test
    void dataQualitySignalsReachTheReportTheRulesAndTheMetrics() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 100; i++) { // 30 of x out of the reference's range, 10 missing, 5 text; c missing in 20
            java.util.Map<String, Object> input = new java.util.LinkedHashMap<>();
            input.put("x", i < 30 ? (Object) 50.0 : i < 40 ? null : i < 45 ? "abc" : (Object) (i % 3 - 1.0));
            if (i >= 20) {
                input.put("c", i < 25 ? "zzz" : "a");
            }
            input.put("user_id", "u" + i);
            lines.add(Json.write(java.util.Map.of("@timestamp", T0.minusMillis(100 - i).toString(), "model", "m",
                    "model_version", "7", "input", input, "prediction", 1)));
        }
        Fixtures.writeLines(dir.resolve("logs/m.jsonl"), lines);
        EvaluationRow row = cycle.run();
        var data = Json.MAPPER.readTree(row.report()).get("data_quality");
        var x = data.get("features").get("x");
        assertThat(x.get("out_of_range_share").asDouble()).isEqualTo(0.30);
        assertThat(x.get("missing_share").asDouble()).isEqualTo(0.10);
        assertThat(x.get("unparsable_share").asDouble()).isEqualTo(0.05);
        var c = data.get("features").get("c");
        assertThat(c.get("missing_share").asDouble()).isEqualTo(0.20);
        assertThat(c.get("new_category_share").asDouble()).as("5 of 100 rows say zzz").isEqualTo(0.05);
        assertThat(c.has("out_of_range_share")).isFalse();
        assertThat(data.get("unexpected_keys").get(0).asString()).isEqualTo("user_id");
        assertThat(data.get("missing_features")).isEmpty();
        assertThat(new AlertStore(db).firing()).extracting(a -> a.labels().get("alertname") + " " + a.labels().get("feature"))
                .containsExactlyInAnyOrder("DataOutOfRange x", "UnexpectedKeys null");
        assertThat(metrics.dataQuality.labelValues("m", "x", "out_of_range_share").get()).isEqualTo(0.30);
        assertThat(metrics.dataQuality.labelValues("m", "", "unexpected_keys").get()).isEqualTo(1.0);
    }
}
