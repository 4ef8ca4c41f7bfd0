package io.driftwatch.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.Configuration;
import io.driftwatch.ConfigurationLoader;
import io.driftwatch.Driftwatch;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.support.Fixtures;
import io.driftwatch.support.PrometheusServer;
import io.driftwatch.util.Json;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Every panel query of every dashboard returns data from a real Prometheus scraping a real Driftwatch. */
class DashboardQueriesTest {
    private static final Path REPO = Path.of(System.getProperty("driftwatch.repo"));

    @TempDir
    Path dir;

    @Test
    void everyPanelQueryReturnsData() throws Exception {
        Path config = Fixtures.config(dir, "1h", "alerts.jsonl");
        Instant now = Instant.now();
        Fixtures.writeLines(dir.resolve("reference/m.jsonl"), Fixtures.lines(2000, 0, now.minusSeconds(86_400), 1));
        List<String> logs = new ArrayList<>(Fixtures.lines(1000, 1.0, now, 2));
        logs.add("{broken");
        Fixtures.writeLines(dir.resolve("logs/m.jsonl"), logs);
        Configuration c = new ConfigurationLoader(TestRegistry.standard()).load(config);
        try (Driftwatch daemon = Driftwatch.start(c, new PrintStream(PrintStream.nullOutputStream()), Clock.systemUTC());
             PrometheusServer prometheus = PrometheusServer.start(Files.createDirectories(dir.resolve("prom")),
                     List.of("127.0.0.1:" + URI.create(daemon.baseUrl()).getPort()))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> prometheus.query("driftwatch_evaluations_total").size() > 0);
            daemon.evaluateNow("m");
            for (Path dashboard : dashboards()) {
                for (String expr : queries(dashboard)) {
                    String q = expr.replace("$model", ".*");
                    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                            .untilAsserted(() -> assertThat(prometheus.query(q)).as(dashboard.getFileName() + ": " + q)
                                    .isNotEmpty());
                }
            }
        }
    }

    private static List<Path> dashboards() throws Exception {
        try (var s = Files.list(REPO.resolve("grafana/dashboards"))) {
            List<Path> all = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            assertThat(all).isNotEmpty();
            return all;
        }
    }

    private static List<String> queries(Path dashboard) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode panel : Json.MAPPER.readTree(Files.readString(dashboard)).get("panels")) {
            for (JsonNode t : panel.get("targets")) {
                out.add(t.get("expr").asString());
            }
        }
        return out;
    }
}
