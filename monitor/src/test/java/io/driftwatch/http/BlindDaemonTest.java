package io.driftwatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.app.Configuration;
import io.driftwatch.app.ConfigurationLoader;
import io.driftwatch.app.Driftwatch;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.evaluation.EvaluationRow;
import io.driftwatch.support.Fixtures;
import io.driftwatch.support.ManualClock;
import io.driftwatch.util.Json;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** A daemon whose logs vanish or fall silent says so: source_unavailable, no_data, readiness, metrics. */
class BlindDaemonTest {
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    @TempDir
    Path dir;

    private Driftwatch start(ManualClock clock) throws Exception {
        Path config = Fixtures.config(dir, "1m", "alerts.jsonl");
        Files.writeString(config, Files.readString(config).replace("    window: 1h\n",
                "    window: 1m\n    no_data_after: 3m\n"));
        Fixtures.writeLines(dir.resolve("reference/m.jsonl"), Fixtures.lines(500, 0, T0.minusSeconds(3600), 1));
        Fixtures.writeLines(dir.resolve("logs/m.jsonl"), Fixtures.lines(300, 0, T0, 2));
        Configuration c = new ConfigurationLoader(TestRegistry.standard()).load(config);
        return Driftwatch.start(c, new PrintStream(PrintStream.nullOutputStream()), clock);
    }

    private List<JsonNode> alerts(String name) throws Exception {
        Path file = dir.resolve("alerts/alerts.jsonl");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(file));
        return Files.readAllLines(file).stream().map(Json.MAPPER::readTree)
                .filter(a -> a.get("labels").get("alertname").asString().equals(name)).toList();
    }

    private static JsonNode get(Driftwatch daemon, String path) throws Exception {
        return Json.MAPPER.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(daemon.baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void aVanishedLogDirectoryIsASourceOutageUntilItComesBack() throws Exception {
        ManualClock clock = new ManualClock(T0);
        try (Driftwatch daemon = start(clock)) {
            assertThat(daemon.evaluateNow("m").records()).isEqualTo(300);
            Path logs = dir.resolve("logs/m.jsonl");
            byte[] kept = Files.readAllBytes(logs);
            Files.delete(logs);
            Files.delete(dir.resolve("logs"));
            EvaluationRow blind = daemon.evaluateNow("m");
            assertThat(blind.verdict()).isEqualTo("INCONCLUSIVE");
            assertThat(blind.error()).contains("log directory", "does not exist");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> !alerts("source_unavailable").isEmpty());
            assertThat(alerts("source_unavailable").get(0).get("status").asString()).isEqualTo("firing");
            assertThat(daemon.metrics().sourceUp.labelValues("logs:m").get()).isZero();
            HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(daemon.baseUrl() + "/readyz")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(Json.MAPPER.readTree(ready.body()).get("sources").get("logs:m").get("reason").asString())
                    .contains("does not exist");

            Files.createDirectories(logs.getParent());
            Files.write(logs, kept);
            EvaluationRow back = null;
            for (int i = 0; i < 4 && back == null; i++) { // the back-off skips a cycle or two
                back = daemon.evaluateNow("m");
            }
            assertThat(back).isNotNull();
            assertThat(back.records()).isEqualTo(300);
            assertThat(daemon.metrics().sourceUp.labelValues("logs:m").get()).isEqualTo(1);
            clock.advance(Duration.ofMinutes(6)); // past the route's group_interval, when the resolution is sent
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> alerts("source_unavailable").size() == 2);
            assertThat(alerts("source_unavailable").get(1).get("status").asString()).isEqualTo("resolved");
            assertThat(get(daemon, "/api/v1/alerts?state=firing&alertname=source_unavailable")).as("firing now").isEmpty();
            assertThat(get(daemon, "/api/v1/alerts?status=firing&alertname=source_unavailable")).as("events").hasSize(1);
            assertThat(get(daemon, "/api/v1/alerts?state=resolved&alertname=source_unavailable")).hasSize(1);
        }
    }

    @Test
    void aModelThatHadTrafficAndFallsSilentRaisesNoData() throws Exception {
        ManualClock clock = new ManualClock(T0);
        try (Driftwatch daemon = start(clock)) {
            assertThat(daemon.evaluateNow("m").records()).isEqualTo(300);
            clock.advance(Duration.ofMinutes(2));
            assertThat(daemon.evaluateNow("m").records()).isZero();
            clock.advance(Duration.ofSeconds(59));
            daemon.evaluateNow("m");
            assertThat(Files.exists(dir.resolve("alerts/alerts.jsonl")) ? alerts("no_data") : List.of())
                    .as("2m59s of silence is not yet 3m").isEmpty();
            clock.advance(Duration.ofSeconds(1));
            daemon.evaluateNow("m");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !alerts("no_data").isEmpty());
            JsonNode fired = alerts("no_data").get(0);
            assertThat(fired.get("status").asString()).isEqualTo("firing");
            assertThat(fired.get("labels").get("severity").asString()).isEqualTo("warning");
            assertThat(fired.get("labels").get("model").asString()).isEqualTo("m");

            Files.write(dir.resolve("logs/m.jsonl"), Fixtures.lines(10, 0, clock.instant(), 3), StandardOpenOption.APPEND);
            assertThat(daemon.evaluateNow("m").records()).isEqualTo(10);
            clock.advance(Duration.ofMinutes(6)); // past the route's group_interval, when the resolution is sent
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> alerts("no_data").size() == 2);
            assertThat(alerts("no_data").get(1).get("status").asString()).isEqualTo("resolved");
        }
    }

    private static String line(Object ts, double x) {
        return "{\"@timestamp\": " + ts + ", \"model\": \"m\", \"model_version\": \"7\", \"input\": {\"x\": " + x
                + ", \"c\": \"a\"}, \"prediction\": 1}";
    }

    /**
     * Epoch seconds where milliseconds are expected: every line is bad_timestamp with the likely unit, and
     * the model is visibly blind (readiness, driftwatch_source_up, source_unavailable) until usable records
     * come; epoch seconds with timestamp_unit: s and naive ISO (read as UTC) are read.
     */
    @Test
    void timestampsInTheWrongUnitLeaveAVisiblyBlindModelNotASilentOne() throws Exception {
        ManualClock clock = new ManualClock(T0);
        try (Driftwatch daemon = start(clock)) {
            assertThat(daemon.evaluateNow("m").records()).isEqualTo(300);
            Path logs = dir.resolve("logs/m.jsonl");
            java.util.List<String> seconds = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                seconds.add(line(T0.minusSeconds(i).getEpochSecond(), i % 7));
            }
            Files.write(logs, seconds);
            clock.advance(Duration.ofMinutes(2));
            EvaluationRow blind = daemon.evaluateNow("m");
            assertThat(blind.records()).isZero();
            assertThat(blind.skipped()).isEqualTo(200);
            assertThat(daemon.metrics().recordsSkipped.labelValues("m", "bad_timestamp").get()).isEqualTo(200);
            assertThat(daemon.metrics().sourceUp.labelValues("logs:m").get()).as("blind is not up").isZero();
            JsonNode ready = get(daemon, "/readyz");
            assertThat(ready.get("sources").get("logs:m").get("reason").asString()).contains("every line read was skipped",
                    "bad_timestamp: 200");
            clock.advance(Duration.ofMinutes(1));
            daemon.evaluateNow("m");
            assertThat(daemon.metrics().sourceUp.labelValues("logs:m").get()).as("still blind on an empty read").isZero();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !alerts("source_unavailable").isEmpty());

            Files.write(logs, List.of(line("\"" + clock.instant().minusSeconds(5).toString().replace("Z", "") + "\"", 1),
                    line("\"" + clock.instant().minusSeconds(4).toString().replace("T", " ") + "\"", 2)),
                    StandardOpenOption.APPEND);
            EvaluationRow back = daemon.evaluateNow("m");
            assertThat(back.records()).as("naive ISO is read as UTC, a space for the T too").isEqualTo(2);
            assertThat(daemon.metrics().sourceUp.labelValues("logs:m").get()).isEqualTo(1);
        }
    }
}
