package io.driftwatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.app.Configuration;
import io.driftwatch.app.ConfigurationLoader;
import io.driftwatch.app.Driftwatch;
import io.driftwatch.config.ConfigException;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.support.Console;
import io.driftwatch.support.Fixtures;
import io.driftwatch.util.Json;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Every legal model name works end to end (console index and pages, the API), names the API cannot
 * serve are refused by validate, and odd requests get 400 or 404 with the reason, never a 200 or a 500.
 */
class ModelNamesTest {
    private static final List<String> NAMES = List.of("fraud v2", "50% off", "größe-€", "a+b", "m");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private Path config(List<String> names) {
        Fixtures.config(dir, "1h", "alerts.jsonl");
        StringBuilder models = new StringBuilder("models:\n");
        for (String n : names) {
            models.append("  - name: ").append(Json.write(n)).append("\n    source: {path: logs/m.jsonl, model_value: m}\n")
                    .append("    reference: {file: reference/m.jsonl}\n")
                    .append("    features: [{name: x, type: numeric}, {name: c, type: categorical}]\n")
                    .append("    window: 1h\n    schedule: {interval: 1h}\n");
        }
        return Fixtures.write(dir.resolve("names.yaml"), """
                store: {path: data/dw}
                http: {address: 127.0.0.1, port: 0}
                rules: [rules/*.yaml]
                alerts: alerts/routing.yaml
                """ + models);
    }

    private HttpResponse<String> get(Driftwatch d, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(d.baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void everyLegalNameWorksEndToEnd() throws Exception {
        Instant now = Instant.now();
        Fixtures.writeLines(dir.resolve("reference/m.jsonl"), Fixtures.lines(500, 0, now.minusSeconds(86_400), 1));
        Fixtures.writeLines(dir.resolve("logs/m.jsonl"), Fixtures.lines(300, 0, now, 2));
        Configuration c = new ConfigurationLoader(TestRegistry.standard()).load(config(NAMES));
        try (Driftwatch d = Driftwatch.start(c, new PrintStream(PrintStream.nullOutputStream()), Clock.systemUTC())) {
            for (String n : NAMES) {
                assertThat(d.evaluateNow(n).records()).as(n).isEqualTo(300);
            }
            HttpResponse<String> index = get(d, "/");
            assertThat(index.statusCode()).as(index.body()).isEqualTo(200);
            for (String n : NAMES) {
                assertThat(index.body()).contains(Json.write(n).replace("<", "\\u003c"));
                assertThat(get(d, "/models/" + enc(n)).statusCode()).as("model page of " + n).isEqualTo(200);
                assertThat(get(d, "/models/" + enc(n) + "/features/x").statusCode()).as("feature page of " + n).isEqualTo(200);
                HttpResponse<String> evals = get(d, "/api/v1/models/" + enc(n) + "/evaluations?limit=1");
                assertThat(evals.statusCode()).as(n).isEqualTo(200);
                assertThat(Json.MAPPER.readTree(evals.body()).get(0).get("model").asString()).isEqualTo(n);
            }
            HttpResponse<String> noFeature = get(d, "/models/m/features/nope");
            assertThat(noFeature.statusCode()).isEqualTo(404);
            assertThat(noFeature.body()).contains("no feature 'nope'");
            assertThat(get(d, "/api/v1/gate/m?baseline=&candidate=4").statusCode()).isEqualTo(400);
            HttpResponse<String> actions = get(d, "/api/v1/actions");
            assertThat(actions.statusCode()).as("no model acts: an empty list").isEqualTo(200);
            assertThat(Json.MAPPER.readTree(actions.body()).size()).isZero();

            HttpResponse<String> listed = http.send(HttpRequest.newBuilder(URI.create(d.baseUrl()
                    + "/api/v1/gate/m/flagger/rollout")).POST(HttpRequest.BodyPublishers.ofString(
                    "{\"name\": \"c\", \"metadata\": {\"baseline\": [\"1\"], \"candidate\": {\"v\": 2}}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(listed.statusCode()).isEqualTo(400);
            assertThat(listed.body()).contains("metadata.baseline must be a string, not a list").doesNotContain("jackson");
        }
    }

    @Test
    void namesTheApiCannotServeAreRefused() throws Exception {
        Fixtures.writeLines(dir.resolve("reference/m.jsonl"), Fixtures.lines(500, 0, Instant.now(), 1));
        Files.createDirectories(dir.resolve("logs"));
        for (String bad : List.of("", "..", "team/churn", " padded", "tab\tname")) {
            ConfigException e = org.assertj.core.api.Assertions.catchThrowableOfType(ConfigException.class,
                    () -> new ConfigurationLoader(TestRegistry.standard()).load(config(List.of(bad))));
            assertThat(e).as("'" + bad + "' is refused").isNotNull();
            assertThat(e.getMessage()).contains("names.yaml:", "model name");
        }
    }

    @Test
    void demoOptionsOutOfRangeAreOneLineErrors() {
        for (String[] args : List.of(new String[] {"demo", "--port", "99999"}, new String[] {"demo", "--port", "-1"},
                new String[] {"demo", "--duration", "0s"})) {
            Console c = Console.run(args);
            assertThat(c.status()).isEqualTo(2);
            assertThat(c.err().lines().count()).as(c.err()).isEqualTo(1);
            assertThat(c.err()).doesNotContain("Exception", "\tat ");
        }
        assertThat(Console.run("demo", "--duration", "0s").err()).contains("--duration '0s' must be a duration longer than 0");
    }
}
