package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.config.StoreConfig;
import io.driftwatch.evaluation.EvaluationRow;
import io.driftwatch.evaluation.EvaluationStore;
import io.driftwatch.store.Database;
import io.driftwatch.support.Console;
import io.driftwatch.support.Fixtures;
import io.driftwatch.util.Json;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code driftwatch backtest}: three days of logs (a record every 10 s; x shifted by 2σ from 30:00 to 36:00)
 * replayed in hourly windows through the configured rule (XShift: PSI above 0.25 twice in a row) without
 * notifying: the shifted hours drift, the rule would have fired once and resolved once, on the second day;
 * the same history in rotated and gzipped files gives the same answer; a record out of order is counted
 * late; {@code --write} backfills the store; bad input is exit 2 with the reason.
 */
class BacktestCommandTest {
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final int PER_HOUR = 360;

    @TempDir
    Path dir;

    private static List<String> day(int day) {
        Random r = new Random(day);
        String[] cats = {"a", "b", "c"};
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 24 * PER_HOUR; i++) {
            Instant at = START.plusSeconds(day * 86_400L + i * 10L);
            long hour = day * 24L + i / PER_HOUR;
            double shift = hour >= 30 && hour < 36 ? 2 : 0;
            out.add(Fixtures.logLine(at, r.nextGaussian() + shift, cats[r.nextInt(3)], "7"));
        }
        return out;
    }

    private Path setUp(boolean rotated) throws Exception {
        Path config = Fixtures.config(dir, "1h", "alerts.jsonl");
        Fixtures.writeLines(dir.resolve("reference/m.jsonl"), Fixtures.lines(2000, 0, START, 1));
        Files.createDirectories(dir.resolve("logs"));
        if (rotated) {
            try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(dir.resolve("logs/m.jsonl.2.gz")))) {
                gz.write((String.join("\n", day(0)) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            Fixtures.writeLines(dir.resolve("logs/m.jsonl.1"), day(1));
            Fixtures.writeLines(dir.resolve("logs/m.jsonl"), day(2));
        } else {
            List<String> all = new ArrayList<>(day(0));
            all.addAll(day(1));
            all.addAll(day(2));
            Fixtures.writeLines(dir.resolve("logs/m.jsonl"), all);
        }
        return config;
    }

    private static Console backtest(Path config, String... more) {
        List<String> args = new ArrayList<>(List.of("backtest", "--config", config.toString(), "--from",
                "2026-11-01T00:00:00Z", "--to", "2026-11-04T00:00:00Z"));
        args.addAll(List.of(more));
        return Console.run(args.toArray(String[]::new));
    }

    @Test
    void theShiftedHoursDriftAndTheRuleWouldHaveFiredOnceOnTheSecondDay() throws Exception {
        Console c = backtest(setUp(false), "--format", "json");
        assertThat(c.status()).as(c.err()).isZero();
        JsonNode out = Json.MAPPER.readTree(c.out());
        assertThat(out.get("windows").asInt()).isEqualTo(72);
        assertThat(out.get("records").asLong()).isEqualTo(3 * 24 * PER_HOUR);
        assertThat(out.get("late_records").asLong()).isZero();
        List<Integer> drifted = new ArrayList<>();
        JsonNode timeline = out.get("timeline");
        for (int i = 0; i < timeline.size(); i++) {
            assertThat(timeline.get(i).get("records").asInt()).isEqualTo(PER_HOUR);
            if (timeline.get(i).get("verdict").asString().equals("drift")) {
                drifted.add(i);
            }
        }
        assertThat(drifted).as("window i ends at hour i + 1").contains(30, 31, 32, 33, 34, 35);
        assertThat(drifted.size() - 6).as("unshifted windows called drift (calibrated: a few percent)").isLessThanOrEqualTo(66 / 10);
        assertThat(out.get("rules").get("XShift").get("fired").asInt()).isEqualTo(1);
        assertThat(out.get("rules").get("XShift").get("resolved").asInt()).isEqualTo(1);
        assertThat(out.get("alerts_per_day").properties()).hasSize(1);
        assertThat(out.get("alerts_per_day").get("2026-11-02").asInt()).isEqualTo(1);
        assertThat(timeline.get(31).get("firing").get(0).asString()).isEqualTo("XShift x");
        assertThat(Files.exists(dir.resolve("alerts.jsonl"))).as("nothing is notified").isFalse();
    }

    @Test
    void rotatedAndGzippedHistoryGivesTheSameAnswerAndTheTableSaysIt() throws Exception {
        Console c = backtest(setUp(true));
        assertThat(c.status()).as(c.err()).isZero();
        Files.delete(dir.resolve("logs/m.jsonl.1"));
        Files.delete(dir.resolve("logs/m.jsonl.2.gz"));
        Console single = backtest(setUp(false));
        assertThat(c.out().replaceAll("in [0-9.]+ s: [0-9,]+ records/s", ""))
                .isEqualTo(single.out().replaceAll("in [0-9.]+ s: [0-9,]+ records/s", ""));
        assertThat(c.out()).contains("72 windows").containsPattern("XShift +1 +1").containsPattern("2026-11-02 +1")
                .as("the drift run starts with the first shifted hour").containsPattern("2026-11-01T\\S+ +2026-11-02T06:00:00Z +ok")
                .containsPattern("2026-11-02T07:00:00Z +\\S+ +drift");
    }

    @Test
    void aRecordOutOfOrderIsCountedLateAndABadLineIsSkippedWithItsPlace() throws Exception {
        Path config = setUp(false);
        Files.writeString(dir.resolve("logs/m.jsonl"), Fixtures.logLine(START.plusSeconds(3600), 0, "a", "7") + "\n{oops\n",
                java.nio.file.StandardOpenOption.APPEND);
        Console c = backtest(config, "--format", "json");
        JsonNode out = Json.MAPPER.readTree(c.out());
        assertThat(out.get("late_records").asLong()).isEqualTo(1);
        assertThat(out.get("skipped").get("malformed_json").asLong()).isEqualTo(1);
        assertThat(c.err()).contains("m.jsonl:" + (3 * 24 * PER_HOUR + 2)).contains("malformed_json");
    }

    @Test
    void writeBackfillsTheStoreWithoutAlerts() throws Exception {
        Path config = setUp(false);
        Console c = backtest(config, "--step", "6h", "--write");
        assertThat(c.status()).as(c.err()).isZero();
        assertThat(c.out()).contains("12 windows");
        try (Database db = Database.open(new StoreConfig("jdbc:h2:file:" + dir.resolve("data/dw"), "sa", ""))) {
            List<EvaluationRow> rows = new EvaluationStore(db).recent("m", 100);
            assertThat(rows).hasSize(12);
            assertThat(rows.get(0).windowTo()).isEqualTo(Instant.parse("2026-11-04T00:00:00Z"));
            assertThat(rows).filteredOn(r -> r.verdict().equals("DRIFT")).extracting(EvaluationRow::windowTo)
                    .as("of the 6-hourly 1-hour windows only the one ending at 12:00 covers a shifted hour")
                    .contains(Instant.parse("2026-11-02T12:00:00Z")).doesNotContain(Instant.parse("2026-11-02T06:00:00Z"));
            assertThat(new io.driftwatch.alert.AlertStore(db).firing()).isEmpty();
        }
    }

    @Test
    void theOpenMetricsExportBackfillsARealPrometheus() throws Exception {
        Path config = setUp(false);
        Path om = dir.resolve("backtest.om");
        assertThat(backtest(config, "--openmetrics", om.toString()).status()).isZero();
        Path prom = Files.createDirectories(dir.resolve("prom"));
        Process blocks = new ProcessBuilder("promtool", "tsdb", "create-blocks-from", "openmetrics", om.toString(),
                prom.resolve("tsdb").toString()).redirectErrorStream(true).start();
        String said = new String(blocks.getInputStream().readAllBytes());
        assertThat(blocks.waitFor()).as(said).isZero();
        try (io.driftwatch.support.PrometheusServer p = io.driftwatch.support.PrometheusServer.start(prom, List.of(),
                io.driftwatch.support.PrometheusServer.freePort(), List.of("--storage.tsdb.retention.time=100y"))) {
            JsonNode drift = p.query("driftwatch_model_verdict{model=\"m\"}", Instant.parse("2026-11-02T08:00:00Z"));
            assertThat(drift.get(0).get("value").get(1).asString()).as("the window ending 08:00 drifted").isEqualTo("1");
            JsonNode calm = p.query("driftwatch_model_verdict{model=\"m\"}", Instant.parse("2026-11-03T08:00:00Z"));
            assertThat(calm.get(0).get("value").get(1).asString()).isEqualTo("0");
            JsonNode windows = p.query("count_over_time(driftwatch_drifted_features{model=\"m\"}[3d])",
                    Instant.parse("2026-11-04T00:00:00Z"));
            assertThat(windows.get(0).get("value").get(1).asString()).isEqualTo("72");
        }
    }

    @Test
    void badInputIsExitTwoWithTheReason() throws Exception {
        Path config = setUp(false);
        Console reversed = Console.run("backtest", "--config", config.toString(), "--from", "2026-11-04T00:00:00Z",
                "--to", "2026-11-01T00:00:00Z");
        assertThat(reversed.status()).isEqualTo(2);
        assertThat(reversed.err()).contains("--to (2026-11-01T00:00:00Z) must be after --from");
        Console unknown = backtest(config, "--model", "nope");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("no model named 'nope'");
        assertThat(backtest(config, "--step", "soon").err()).contains("--step must be a duration");
        Console tiny = backtest(config, "--step", "1ms");
        assertThat(tiny.status()).isEqualTo(2);
        assertThat(tiny.err()).contains("m: 259200000 windows of 1ms").contains("choose a longer --step");
        assertThat(Console.run("backtest", "--config", config.toString(), "--from", "yesterday", "--to",
                "2026-11-01T00:00:00Z").err()).contains("--from must be an ISO-8601 instant");
    }
}
