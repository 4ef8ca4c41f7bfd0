package io.driftwatch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Reload without restart, as Prometheus reloads: {@code POST /-/reload} with a bad configuration keeps the
 * running one (errors with file:line:col, the success metric 0, its timestamp kept); a good one adds, changes
 * and removes models while rule states, silences and the firing alert survive (not sent again); a removed
 * model's firing alert is resolved once, saying why; {@code config.watch} follows a ConfigMap's symlink swap.
 */
class ConfigReloadTest {
    private static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");
    private static final String TOKEN = "r3load";
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private Path config;

    private Driftwatch start(ManualClock clock) throws Exception {
        config = Fixtures.config(dir, "1h", "alerts.jsonl");
        Fixtures.write(dir.resolve("api-token"), TOKEN + "\n");
        Files.writeString(config, Files.readString(config).replace("  port: 0\n", "  port: 0\n  token_file: api-token\n"));
        Fixtures.write(dir.resolve("rules/drift.yaml"), Files.readString(dir.resolve("rules/drift.yaml")).replace("for: 2", "for: 1"));
        Fixtures.writeLines(dir.resolve("reference/m.jsonl"), Fixtures.lines(500, 0, T0.minusSeconds(7200), 1));
        Fixtures.writeLines(dir.resolve("logs/m.jsonl"), Fixtures.lines(400, 3, T0, 2)); // drifted: XShift fires
        Configuration c = new ConfigurationLoader(TestRegistry.standard()).load(config);
        return Driftwatch.start(c, new PrintStream(PrintStream.nullOutputStream()), clock);
    }

    private HttpResponse<String> reload(Driftwatch d) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(d.baseUrl() + "/-/reload")).header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<JsonNode> alerts(String status) throws Exception {
        Path file = dir.resolve("alerts/alerts.jsonl");
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file).stream().map(Json.MAPPER::readTree)
                .filter(a -> a.get("status").asString().equals(status)).toList();
    }

    /** The same model block under another name, reading its own copy of the logs. */
    private String secondModel(String text) throws Exception {
        Fixtures.writeLines(dir.resolve("logs/m2.jsonl"), Fixtures.lines(400, 0, T0, 3).stream()
                .map(l -> l.replace("\"model\":\"m\"", "\"model\":\"m2\"")).toList());
        Fixtures.writeLines(dir.resolve("reference/m2.jsonl"), Fixtures.lines(500, 0, T0.minusSeconds(7200), 1).stream()
                .map(l -> l.replace("\"model\":\"m\"", "\"model\":\"m2\"")).toList());
        return text.substring(text.indexOf("  - name: m\n")).replace("  - name: m\n", "  - name: m2\n")
                .replace("logs/m.jsonl*", "logs/m2.jsonl").replace("reference/m.jsonl", "reference/m2.jsonl");
    }

    @Test
    void aBadConfigurationKeepsTheRunningOneAndAGoodOneAddsAndRemovesModelsKeepingAlertState() throws Exception {
        ManualClock clock = new ManualClock(T0);
        try (Driftwatch d = start(clock)) {
            d.evaluateNow("m");
            await().atMost(Duration.ofSeconds(20)).until(() -> alerts("firing").size() == 1);
            double startedAt = d.metrics().configReloadSuccessTime.get();
            String good = Files.readString(config);
            HttpResponse<String> silence = http.send(HttpRequest.newBuilder(URI.create(d.baseUrl() + "/api/v1/silences"))
                    .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString(
                            "{\"matchers\": [\"alertname=\\\"Other\\\"\"], \"duration\": \"2h\", \"createdBy\": \"t\", \"comment\": \"c\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(silence.statusCode()).as(silence.body()).isEqualTo(201);

            Files.writeString(config, good.replace("    window: 1h", "    windw: 1h"));
            clock.advance(Duration.ofMinutes(1));
            HttpResponse<String> bad = reload(d);
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains(config.toString() + ":", "models[0].windw", "the running one stays");
            assertThat(d.metrics().configReloadSuccessful.get()).isZero();
            assertThat(d.metrics().configReloadSuccessTime.get()).as("kept").isEqualTo(startedAt);
            assertThat(d.evaluateNow("m").records()).as("the running configuration still evaluates").isEqualTo(400);

            Files.writeString(config, good + secondModel(good));
            clock.advance(Duration.ofMinutes(1));
            HttpResponse<String> added = reload(d);
            assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
            JsonNode models = Json.MAPPER.readTree(added.body()).get("models");
            assertThat(models.get("added").toString()).isEqualTo("[\"m2\"]");
            assertThat(models.get("changed").toString()).isEqualTo("[]");
            assertThat(d.metrics().configReloadSuccessful.get()).isEqualTo(1.0);
            assertThat(d.metrics().configReloadSuccessTime.get()).isGreaterThan(startedAt);
            assertThat(d.evaluateNow("m2").verdict()).isEqualTo("OK");
            d.evaluateNow("m");
            assertThat(alerts("firing")).as("the alert that fired before the reload is not sent again").hasSize(1);
            assertThat(http.send(HttpRequest.newBuilder(URI.create(d.baseUrl() + "/api/v1/silences")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).as("silences survive").contains("Other");

            String onlyM2 = (good + secondModel(good)).replaceFirst("(?s)  - name: m\n.*?(?=  - name: m2\n)", "");
            Files.writeString(config, onlyM2);
            HttpResponse<String> removed = reload(d);
            assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
            assertThat(Json.MAPPER.readTree(removed.body()).get("models").get("removed").toString()).isEqualTo("[\"m\"]");
            clock.advance(Duration.ofMinutes(6)); // a group's change waits for group_interval (5m)
            await().atMost(Duration.ofSeconds(30)).until(() -> alerts("resolved").size() == 1);
            assertThat(alerts("resolved").get(0).get("annotations").get("resolved_because").asString())
                    .isEqualTo("model m was removed from the configuration");
            assertThat(d.configuration().main().models()).extracting(m -> m.name()).containsExactly("m2");
        }
    }

    @Test
    void configWatchFollowsAConfigMapsSymlinkSwap() throws Exception {
        // the kubelet's layout: files are links through ..data, which is swapped atomically to a new folder
        Path mount = dir.resolve("mount");
        Files.createDirectories(mount.resolve("..v1"));
        ManualClock clock = new ManualClock(T0);
        Path original = Fixtures.config(dir, "1h", "alerts.jsonl");
        Fixtures.writeLines(dir.resolve("reference/m.jsonl"), Fixtures.lines(500, 0, T0.minusSeconds(7200), 1));
        Fixtures.writeLines(dir.resolve("logs/m.jsonl"), Fixtures.lines(300, 0, T0, 2));
        String text = Files.readString(original).replace("rules/", dir.resolve("rules").toString() + "/")
                .replace("alerts/routing.yaml", dir.resolve("alerts/routing.yaml").toString())
                .replace("logs/", dir.resolve("logs").toString() + "/").replace("reference/", dir.resolve("reference") + "/")
                .replace("path: data/dw", "path: " + dir.resolve("data/dw"))
                + "config: {watch: true, watch_interval: 1s}\n";
        Files.writeString(mount.resolve("..v1/driftwatch.yaml"), text);
        Files.createSymbolicLink(mount.resolve("..data"), Path.of("..v1"));
        Files.createSymbolicLink(mount.resolve("driftwatch.yaml"), Path.of("..data/driftwatch.yaml"));
        Configuration c = new ConfigurationLoader(TestRegistry.standard()).load(mount.resolve("driftwatch.yaml"));
        config = original;
        try (Driftwatch d = Driftwatch.start(c, new PrintStream(PrintStream.nullOutputStream()), clock)) {
            Files.createDirectories(mount.resolve("..v2"));
            Files.writeString(mount.resolve("..v2/driftwatch.yaml"), text.replace("    window: 1h", "    window: 30m"));
            Files.createSymbolicLink(mount.resolve("..data_tmp"), Path.of("..v2"));
            Files.move(mount.resolve("..data_tmp"), mount.resolve("..data"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            await().atMost(Duration.ofSeconds(20)).until(() -> d.configuration().main().models().get(0).window()
                    .equals(Duration.ofMinutes(30)));
            assertThat(d.metrics().configReloadSuccessful.get()).isEqualTo(1.0);
        }
    }
}
