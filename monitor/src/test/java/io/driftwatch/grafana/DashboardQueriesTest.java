package io.driftwatch.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.app.Configuration;
import io.driftwatch.app.ConfigurationLoader;
import io.driftwatch.app.Driftwatch;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.demo.Demo;
import io.driftwatch.support.PrometheusServer;
import io.driftwatch.util.Json;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Every panel query of every dashboard returns data from a real Prometheus scraping Driftwatch while it
 * runs the demo (drift injected, alerts fired).
 */
class DashboardQueriesTest {
    private static final Path REPO = Path.of(System.getProperty("driftwatch.repo"));

    @TempDir
    Path dir;

    @Test
    void everyPanelQueryReturnsDataWhilePrometheusScrapesTheDemo() throws Exception {
        try (Demo demo = Demo.prepare(dir.resolve("demo"), 0, Clock.systemUTC())) {
            Configuration c = new ConfigurationLoader(TestRegistry.standard()).load(demo.config());
            try (Driftwatch daemon = Driftwatch.start(c, new PrintStream(PrintStream.nullOutputStream()), Clock.systemUTC());
                 PrometheusServer prometheus = PrometheusServer.start(Files.createDirectories(dir.resolve("prom")),
                         List.of("127.0.0.1:" + URI.create(daemon.baseUrl()).getPort()))) {
                demo.injectDriftAfter(Duration.ofSeconds(5));
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> prometheus.query("driftwatch_rule_instances{state=\"firing\"} > 0").size() > 0);
                for (Path dashboard : dashboards()) {
                    for (String expr : queries(dashboard)) {
                        String q = expr.replace("$model", ".*").replace("$version", ".*");
                        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                                .untilAsserted(() -> assertThat(prometheus.query(q)).as(dashboard.getFileName() + ": " + q)
                                        .isNotEmpty());
                    }
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
