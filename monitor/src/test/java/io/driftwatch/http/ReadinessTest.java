package io.driftwatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.app.Configuration;
import io.driftwatch.app.ConfigurationLoader;
import io.driftwatch.app.Driftwatch;
import io.driftwatch.drift.TestRegistry;
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
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Readiness is honest about models never evaluated, and the last-evaluation series exists from start. */
class ReadinessTest {
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aModelOverdueForItsFirstEvaluationMakesTheDaemonUnready() throws Exception {
        Path config = Fixtures.config(dir, "1h", "alerts.jsonl");
        String text = Files.readString(config);
        String model = text.substring(text.indexOf("  - name: m\n"));
        Files.writeString(config, text + model.replace("  - name: m\n", "  - name: m2\n")
                .replace("      path: logs/m.jsonl*\n", "      path: logs/m.jsonl*\n      model_value: m\n"));
        Fixtures.writeLines(dir.resolve("reference/m.jsonl"), Fixtures.lines(500, 0, T0.minusSeconds(86_400), 1));
        Fixtures.writeLines(dir.resolve("logs/m.jsonl"), Fixtures.lines(200, 0, T0, 2));
        Configuration c = new ConfigurationLoader(TestRegistry.standard()).load(config);
        ManualClock clock = new ManualClock(T0);
        try (Driftwatch daemon = Driftwatch.start(c, new PrintStream(PrintStream.nullOutputStream()), clock)) {
            String metrics = get(daemon, "/metrics").body();
            assertThat(metrics).contains("driftwatch_last_evaluation_timestamp_seconds{model=\"m2\"}",
                    "driftwatch_evaluations_late_total{model=\"m2\"} 0.0",
                    "driftwatch_evaluations_missed_total{model=\"m2\"} 0.0");
            daemon.evaluateNow("m");
            HttpResponse<String> early = get(daemon, "/readyz");
            JsonNode m2 = Json.MAPPER.readTree(early.body()).get("models").get("m2");
            assertThat(m2.get("ok").asBoolean()).as("m2 is first due half an interval after start").isTrue();
            assertThat(m2.get("first_due").asString()).isEqualTo(T0.plus(Duration.ofMinutes(30)).toString());

            clock.advance(Duration.ofMinutes(91));
            daemon.evaluateNow("m");
            HttpResponse<String> late = get(daemon, "/readyz");
            assertThat(late.statusCode()).isEqualTo(503);
            JsonNode models = Json.MAPPER.readTree(late.body()).get("models");
            assertThat(models.get("m").get("ok").asBoolean()).isTrue();
            assertThat(models.get("m2").get("ok").asBoolean()).isFalse();
            assertThat(models.get("m2").get("reason").asString()).startsWith("never evaluated since start");
            daemon.evaluateNow("m2");
            assertThat(get(daemon, "/readyz").statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<String> get(Driftwatch daemon, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(daemon.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
