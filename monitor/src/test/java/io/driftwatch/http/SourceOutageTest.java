package io.driftwatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.app.Configuration;
import io.driftwatch.app.ConfigurationLoader;
import io.driftwatch.app.Driftwatch;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.evaluation.EvaluationRow;
import io.driftwatch.support.Fixtures;
import io.driftwatch.util.Json;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * An Elasticsearch cluster that cannot be reached: the evaluation is INCONCLUSIVE with the reason, one
 * source_unavailable alert fires for that source (no drift alert), readiness says why, and the next
 * cycles back off.
 */
class SourceOutageTest {
    @TempDir
    Path dir;

    @Test
    void anUnreachableClusterIsInconclusiveAlertsOnceAndShowsInReadiness() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Path config = Fixtures.config(dir, "1h", "alerts.jsonl");
        Files.writeString(config, Files.readString(config).replace("      path: logs/m.jsonl*\n",
                "      type: elasticsearch\n      hosts: [http://127.0.0.1:" + closed + "]\n      index: predictions-*\n"
                        + "      timeout: 2s\n"));
        Fixtures.writeLines(dir.resolve("reference/m.jsonl"), Fixtures.lines(500, 0, java.time.Instant.now(), 1));
        Configuration c = new ConfigurationLoader(TestRegistry.standard()).load(config);
        try (Driftwatch daemon = Driftwatch.start(c, new PrintStream(PrintStream.nullOutputStream()), Clock.systemUTC())) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> Files.exists(dir.resolve("alerts/alerts.jsonl")));
            List<JsonNode> alerts = Files.readAllLines(dir.resolve("alerts/alerts.jsonl")).stream().map(Json.MAPPER::readTree).toList();
            assertThat(alerts).singleElement().satisfies(a -> {
                assertThat(a.get("labels").get("alertname").asString()).isEqualTo("source_unavailable");
                assertThat(a.get("labels").get("source").asString()).isEqualTo("logs:m");
                assertThat(a.get("labels").get("model").asString()).isEqualTo("m");
                assertThat(a.get("status").asString()).isEqualTo("firing");
            });
            HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(daemon.baseUrl() + "/readyz")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(503);
            JsonNode source = Json.MAPPER.readTree(ready.body()).get("sources").get("logs:m");
            assertThat(source.get("up").asBoolean()).isFalse();
            assertThat(source.get("reason").asString()).contains("unreachable");
            HttpResponse<String> evals = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(daemon.baseUrl() + "/api/v1/models/m/evaluations")).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode first = Json.MAPPER.readTree(evals.body()).get(0);
            assertThat(first.get("verdict").asString()).isEqualTo("inconclusive");
            assertThat(first.get("error").asString()).contains("unreachable");
            EvaluationRow second = daemon.evaluateNow("m");
            assertThat(second.error()).as("second failure in a row").contains("unreachable");
            assertThat(daemon.evaluateNow("m")).as("then one cycle is skipped (back-off)").isNull();
            assertThat(Files.readAllLines(dir.resolve("alerts/alerts.jsonl"))).as("still one alert").hasSize(1);
        }
    }
}
