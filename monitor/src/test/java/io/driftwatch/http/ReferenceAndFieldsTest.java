package io.driftwatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.app.Configuration;
import io.driftwatch.app.ConfigurationLoader;
import io.driftwatch.app.Driftwatch;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.evaluation.EvaluationRow;
import io.driftwatch.support.Console;
import io.driftwatch.support.Fixtures;
import io.driftwatch.support.ManualClock;
import io.driftwatch.util.Json;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** References that are too small or change, and log fields of the wrong type. */
class ReferenceAndFieldsTest {
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    @TempDir
    Path dir;

    private Path setUp(List<String> reference) {
        Path config = Fixtures.config(dir, "1h", "alerts.jsonl");
        Fixtures.writeLines(dir.resolve("reference/m.jsonl"), reference);
        Fixtures.writeLines(dir.resolve("logs/m.jsonl"), Fixtures.lines(400, 0, T0, 2));
        return config;
    }

    private Driftwatch start(Path config) throws Exception {
        Configuration c = new ConfigurationLoader(TestRegistry.standard()).load(config);
        return Driftwatch.start(c, new PrintStream(PrintStream.nullOutputStream()), new ManualClock(T0));
    }

    private static long nReference(EvaluationRow row) {
        return Json.MAPPER.readTree(row.report()).get("columns").get(0).get("n_reference").asLong();
    }

    @Test
    void aReferenceWithTooFewUsableRowsFailsValidationNamingFileRowsAndReasons() {
        List<String> ref = new ArrayList<>(Fixtures.lines(10, 0, T0, 1));
        ref.addAll(List.of("{not json", "[1, 2]", "{\"@timestamp\": \"yesterday\", \"input\": {}}"));
        Path config = setUp(ref);
        Console c = Console.run("validate", "--config", config.toString());
        assertThat(c.status()).isEqualTo(1);
        assertThat(c.err()).contains("driftwatch.yaml:", "reference", "m.jsonl", "10 usable row(s)",
                "drift.min_samples 100", "malformed_json 1", "not_an_object 1", "bad_timestamp 1");
    }

    @Test
    void aChangedReferenceFileIsRefittedAndAnEmptiedOneIsNeverStored() throws Exception {
        Path config = setUp(Fixtures.lines(500, 0, T0, 1));
        try (Driftwatch daemon = start(config)) {
            assertThat(nReference(daemon.evaluateNow("m"))).isEqualTo(500);
            Files.writeString(dir.resolve("reference/m.jsonl"), "{\"broken\n");
            EvaluationRow empty = daemon.evaluateNow("m");
            assertThat(empty.verdict()).isEqualTo("INCONCLUSIVE");
            assertThat(empty.error()).contains("0 usable row(s)", "malformed_json 1");
            Fixtures.writeLines(dir.resolve("reference/m.jsonl"), Fixtures.lines(700, 0, T0, 5));
            assertThat(nReference(daemon.evaluateNow("m"))).as("refitted from the new content").isEqualTo(700);
        }
    }

    @Test
    void aHugeCategoryCannotGrowTheStoredReport() throws Exception {
        Path config = setUp(Fixtures.lines(500, 0, T0, 1));
        List<String> logs = new ArrayList<>(Fixtures.lines(400, 0, T0, 2));
        String at = T0.minusSeconds(1).toString();
        for (int i = 0; i < 30; i++) { // 30 distinct new categories of 900 KB each (lines stay under 1 MiB)
            logs.add("{\"@timestamp\": \"" + at + "\", \"model\": \"m\", \"input\": {\"x\": 0.5, \"c\": \"" + i
                    + "y".repeat(900 << 10) + "\"}}");
        }
        Fixtures.writeLines(dir.resolve("logs/m.jsonl"), logs);
        try (Driftwatch daemon = start(config)) {
            EvaluationRow row = daemon.evaluateNow("m");
            assertThat(row.report().length()).as("stored report size").isLessThan(20_000);
            JsonNode c = Json.MAPPER.readTree(row.report()).get("columns").get(1);
            assertThat(c.get("new_categories")).hasSize(20);
            assertThat(c.get("new_categories_total").asInt()).isEqualTo(30);
            assertThat(c.get("new_categories").get(0).asString()).hasSize(256);
            assertThat(Json.MAPPER.readTree(row.report()).get("field_issues").get("c").get("truncated").asLong())
                    .isEqualTo(30);
            // the scheduler may have run its first evaluation too: the counter grows by 30 per evaluation
            assertThat(daemon.metrics().fieldsSkipped.labelValues("m", "c", "truncated").get() % 30).isZero();
        }
    }

    @Test
    void wrongTypedFieldsAreLeftOutPerFeatureAndCounted() throws Exception {
        Path config = setUp(Fixtures.lines(500, 0, T0, 1));
        List<String> logs = new ArrayList<>(Fixtures.lines(400, 0, T0, 2));
        String at = T0.minusSeconds(1).toString();
        logs.add("{\"@timestamp\": \"" + at + "\", \"model\": \"m\", \"input\": {\"x\": {\"a\": 1}, \"c\": \"a\"}}");
        logs.add("{\"@timestamp\": \"" + at + "\", \"model\": \"m\", \"input\": {\"x\": 1e400, \"c\": 7}}");
        logs.add("{\"@timestamp\": \"" + at + "\", \"model\": \"m\", \"input\": {\"x\": \"abc\", \"c\": [1]}}");
        Fixtures.writeLines(dir.resolve("logs/m.jsonl"), logs);
        try (Driftwatch daemon = start(config)) {
            EvaluationRow row = daemon.evaluateNow("m");
            assertThat(row.records()).isEqualTo(403);
            JsonNode report = Json.MAPPER.readTree(row.report());
            assertThat(report.get("field_issues").get("x").get("bad_field_type").asLong()).isEqualTo(3);
            assertThat(report.get("field_issues").get("c").get("bad_field_type").asLong()).isEqualTo(2);
            JsonNode x = report.get("columns").get(0);
            assertThat(x.get("n_current").asLong()).isEqualTo(400);
            JsonNode c = report.get("columns").get(1);
            assertThat(c.path("new_categories").isMissingNode()).as("7 and [1] are not categories").isTrue();
            double xs = daemon.metrics().fieldsSkipped.labelValues("m", "x", "bad_field_type").get();
            double cat = daemon.metrics().fieldsSkipped.labelValues("m", "c", "bad_field_type").get();
            assertThat(xs).as("3 per evaluation (the scheduler's first one may have run too)").isPositive();
            assertThat(xs / 3).isEqualTo(cat / 2);
        }
    }
}
