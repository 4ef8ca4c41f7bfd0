package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.app.Configuration;
import io.driftwatch.app.ConfigurationLoader;
import io.driftwatch.app.Driftwatch;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.support.Console;
import io.driftwatch.support.Fixtures;
import io.driftwatch.util.Json;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The alert, silence and dead-letter API of a running daemon, its bearer-token guard on mutating
 * requests, and the {@code alerts} and {@code silence} commands that use it.
 */
class AlertsApiTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private Driftwatch start(boolean withToken) throws Exception {
        Path config = Fixtures.config(dir, "1h", "alerts.jsonl");
        Fixtures.write(dir.resolve("rules/drift.yaml"), Files.readString(dir.resolve("rules/drift.yaml"))
                .replace("for: 2", "for: 1"));
        Path token = Fixtures.write(dir.resolve("api-token"), "t0ps3cret\n");
        if (withToken) {
            Files.writeString(config, Files.readString(config).replace("  port: 0\n", "  port: 0\n  token_file: "
                    + token + "\n"));
        }
        Instant now = Instant.now();
        Fixtures.writeLines(dir.resolve("reference/m.jsonl"), Fixtures.lines(2000, 0, now.minusSeconds(86_400), 1));
        Fixtures.writeLines(dir.resolve("logs/m.jsonl"), Fixtures.lines(1000, 1.0, now, 2));
        Configuration c = new ConfigurationLoader(TestRegistry.standard()).load(config);
        return Driftwatch.start(c, new PrintStream(PrintStream.nullOutputStream()), Clock.systemUTC());
    }

    private HttpResponse<String> send(String method, String url, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void alertsAreListedAndSilencesNeedTheToken() throws Exception {
        try (Driftwatch d = start(true)) {
            String api = d.baseUrl();
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    Json.MAPPER.readTree(send("GET", api + "/api/v1/alerts?status=firing&model=m", null, null).body())
                            .size() == 1);
            JsonNode alert = Json.MAPPER.readTree(send("GET", api + "/api/v1/alerts?status=firing", null, null).body()).get(0);
            assertThat(alert.get("labels").get("alertname").asString()).isEqualTo("XShift");
            assertThat(alert.get("labels").get("feature").asString()).isEqualTo("x");
            assertThat(send("GET", api + "/api/v1/alerts?status=maybe", null, null).statusCode()).isEqualTo(400);
            assertThat(send("GET", api + "/api/v1/alerts?model=other", null, null).body()).isEqualTo("[]");

            String silence = "{\"matchers\":[\"model=\\\"m\\\"\"],\"duration\":\"2h\",\"createdBy\":\"ana\","
                    + "\"comment\":\"retraining in progress\"}";
            HttpResponse<String> anonymous = send("POST", api + "/api/v1/silences", null, silence);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"driftwatch\"");
            assertThat(send("POST", api + "/api/v1/silences", "wrong", silence).statusCode()).isEqualTo(401);
            HttpResponse<String> bad = send("POST", api + "/api/v1/silences", "t0ps3cret",
                    "{\"matchers\":[\"model\"],\"duration\":\"soon\",\"colour\":1}");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(Json.MAPPER.readTree(bad.body()).get("errors").valueStream().map(JsonNode::asString).toList())
                    .anySatisfy(e -> assertThat(e).contains("unknown field 'colour'"))
                    .anySatisfy(e -> assertThat(e).startsWith("matchers: "))
                    .anySatisfy(e -> assertThat(e).contains("'soon' is not a duration"))
                    .anySatisfy(e -> assertThat(e).contains("createdBy is required"));
            assertThat(send("POST", api + "/api/v1/silences", "t0ps3cret", "not json").statusCode()).isEqualTo(400);

            HttpResponse<String> created = send("POST", api + "/api/v1/silences", "t0ps3cret", silence);
            assertThat(created.statusCode()).isEqualTo(201);
            String id = Json.MAPPER.readTree(created.body()).get("id").asString();
            JsonNode listed = Json.MAPPER.readTree(send("GET", api + "/api/v1/silences", null, null).body()).get(0);
            assertThat(listed.get("state").asString()).isEqualTo("active");
            assertThat(listed.get("createdBy").asString()).isEqualTo("ana");
            assertThat(send("DELETE", api + "/api/v1/silences/" + id, null, null).statusCode()).isEqualTo(401);
            assertThat(send("DELETE", api + "/api/v1/silences/" + id, "t0ps3cret", null).statusCode()).isEqualTo(200);
            assertThat(Json.MAPPER.readTree(send("GET", api + "/api/v1/silences/" + id, null, null).body())
                    .get("state").asString()).isEqualTo("expired");
            assertThat(send("DELETE", api + "/api/v1/silences/" + id, "t0ps3cret", null).statusCode()).isEqualTo(404);
            assertThat(send("GET", api + "/api/v1/dead-letters", null, null).body()).isEqualTo("[]");
            assertThat(send("GET", api + "/api/v1/dead-letters?limit=0", null, null).statusCode()).isEqualTo(400);
        }
    }

    @Test
    void theCommandsUseTheApi() throws Exception {
        try (Driftwatch d = start(true)) {
            String url = d.baseUrl();
            String token = dir.resolve("api-token").toString();
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    Console.run("alerts", "--url", url, "--status", "firing").out().contains("XShift"));
            Console alerts = Console.run("alerts", "--url", url);
            assertThat(alerts.status()).isZero();
            assertThat(alerts.out()).contains("STATUS").containsPattern("firing +XShift +m +x +critical");

            Console refused = Console.run("silence", "add", "--url", url, "--token-env", "DRIFTWATCH_NO_SUCH_TOKEN",
                    "-a", "ana", "-c", "why", "model=\"m\"");
            assertThat(refused.status()).isEqualTo(1);
            assertThat(refused.err()).contains("HTTP 401");
            Console added = Console.run("silence", "add", "--url", url, "--token-file", token, "-a", "ana", "-c",
                    "retraining", "-d", "30m", "model=\"m\"", "feature=~\"x|y\"");
            assertThat(added.status()).as(added.err()).isZero();
            String id = added.out().strip();
            assertThat(Console.run("silence", "list", "--url", url).out()).contains(id).contains("active")
                    .contains("model=\"m\",feature=~\"x|y\"").contains("# retraining");
            assertThat(Console.run("silence", "expire", "--url", url, "--token-file", token, id).out())
                    .contains("expired " + id);
            assertThat(Console.run("silence", "list", "--url", url).out()).contains("expired");
            Console down = Console.run("alerts", "--url", "http://127.0.0.1:" + io.driftwatch.support.PrometheusServer.freePort());
            assertThat(down.status()).isEqualTo(1);
            assertThat(down.err()).contains("cannot reach");
        }
    }

    @Test
    void withoutATokenNothingMutatingIsReachable() throws Exception {
        try (Driftwatch d = start(false)) {
            HttpResponse<String> r = send("POST", d.baseUrl() + "/api/v1/silences", "anything", "{}");
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).contains("set http.token_env or http.token_file");
            assertThat(send("DELETE", d.baseUrl() + "/api/v1/silences/x", "anything", null).statusCode()).isEqualTo(403);
            assertThat(send("POST", d.baseUrl() + "/api/v1/models", "anything", "{}").statusCode()).isEqualTo(405);
        }
    }
}
