package io.driftwatch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.app.Configuration;
import io.driftwatch.app.ConfigurationLoader;
import io.driftwatch.app.Driftwatch;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.support.FakeModelExporter;
import io.driftwatch.support.Fixtures;
import io.driftwatch.support.PrometheusServer;
import io.driftwatch.util.Json;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Health rules in PromQL, evaluated against a real Prometheus that scrapes a fake model service: they
 * fire after their pending time, an empty result never fires, and a Prometheus that goes away raises
 * source_unavailable.
 */
class PromqlRulesTest {
    @TempDir
    Path dir;

    @Test
    void healthRulesFireFromPrometheusDataAndAnOutageRaisesSourceUnavailable() throws Exception {
        try (FakeModelExporter model = new FakeModelExporter();
             PrometheusServer prometheus = PrometheusServer.start(Files.createDirectories(dir.resolve("prom")),
                     List.of(model.target()))) {
            Path config = Fixtures.config(dir, "1h", "alerts.jsonl");
            Files.writeString(config, Files.readString(config) + "prometheus:\n  url: " + prometheus.url()
                    + "\n  timeout: 2s\n  interval: 1h\n");
            Fixtures.write(dir.resolve("rules/health.yaml"), """
                    rules:
                      - name: LatencyP99High
                        source: prometheus
                        expr: histogram_quantile(0.99, sum by (le, model) (rate(model_request_duration_seconds_bucket[30s])))
                        op: ">"
                        threshold: 0.5
                        for: 2s
                        annotations: {summary: "p99 of {{ $labels.model }} is {{ $value }}"}
                      - name: ErrorRatioHigh
                        source: prometheus
                        expr: sum by (model) (rate(model_requests_total{code=~"5.."}[30s])) / sum by (model) (rate(model_requests_total[30s]))
                        threshold: 0.05
                        consecutive: 2
                      - name: RequestRateLow
                        source: prometheus
                        expr: sum by (model) (rate(model_requests_total[30s]))
                        op: "<"
                        threshold: 1000000
                      - name: PodRestarting
                        source: prometheus
                        expr: sum by (namespace, pod) (increase(kube_pod_container_status_restarts_total[30s]))
                        threshold: 0
                      - name: NoData
                        source: prometheus
                        expr: metric_nobody_exports
                        threshold: -1
                    """);
            Fixtures.writeLines(dir.resolve("reference/m.jsonl"), Fixtures.lines(200, 0, java.time.Instant.now(), 1));
            Files.createDirectories(dir.resolve("logs"));
            Configuration c = new ConfigurationLoader(TestRegistry.standard()).load(config);
            try (Driftwatch daemon = Driftwatch.start(c, new PrintStream(PrintStream.nullOutputStream()), Clock.systemUTC())) {
                await().atMost(Duration.ofSeconds(60)).until(() ->
                        prometheus.query("count_over_time(model_requests_total[1m]) >= 3").size() == 2);
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    daemon.evaluatePromqlNow();
                    return firing(dir).keySet().containsAll(List.of("LatencyP99High", "ErrorRatioHigh", "RequestRateLow",
                            "PodRestarting"));
                });
                Map<String, JsonNode> alerts = firing(dir);
                assertThat(alerts).doesNotContainKey("NoData");
                JsonNode latency = alerts.get("LatencyP99High");
                assertThat(latency.get("labels").get("model").asString()).isEqualTo("credit-risk");
                assertThat(latency.get("value").asDouble()).isBetween(0.5, 2.0);
                assertThat(latency.get("annotations").get("summary").asString()).startsWith("p99 of credit-risk is ");
                assertThat(alerts.get("ErrorRatioHigh").get("value").asDouble()).isCloseTo(0.1,
                        org.assertj.core.api.Assertions.within(1e-6));
                assertThat(alerts.get("PodRestarting").get("labels").get("pod").asString()).isEqualTo("credit-risk-7d9f");
                assertThat(scrape(daemon)).contains("driftwatch_source_up{source=\"prometheus\"} 1.0");

                prometheus.stop();
                daemon.evaluatePromqlNow();
                await().atMost(Duration.ofSeconds(10)).until(() -> firing(dir).containsKey("source_unavailable"));
                JsonNode outage = firing(dir).get("source_unavailable");
                assertThat(outage.get("labels").get("source").asString()).isEqualTo("prometheus");
                assertThat(outage.get("labels").get("severity").asString()).isEqualTo("critical");
                assertThat(scrape(daemon)).contains("driftwatch_source_up{source=\"prometheus\"} 0.0");
            }
        }
    }

    private static String scrape(Driftwatch daemon) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(daemon.baseUrl() + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    private static Map<String, JsonNode> firing(Path dir) throws Exception {
        Path file = dir.resolve("alerts/alerts.jsonl");
        if (!Files.exists(file)) {
            return Map.of();
        }
        return Files.readAllLines(file).stream().map(Json.MAPPER::readTree)
                .filter(a -> a.get("status").asString().equals("firing"))
                .collect(Collectors.toMap(a -> a.get("labels").get("alertname").asString(), Function.identity(), (a, b) -> b));
    }
}
