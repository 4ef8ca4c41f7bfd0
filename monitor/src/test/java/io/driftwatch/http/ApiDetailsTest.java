package io.driftwatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.app.Configuration;
import io.driftwatch.app.ConfigurationLoader;
import io.driftwatch.app.Driftwatch;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.support.Console;
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
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The API's small contracts: auth scheme, order of refusals, body errors, methods, counters at 0. */
class ApiDetailsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    private Driftwatch daemon;

    @BeforeEach
    void start() throws Exception {
        Path config = Fixtures.config(dir, "1h", "alerts.jsonl");
        Path token = Fixtures.write(dir.resolve("api-token"), "t0ps3cret\n");
        Files.writeString(config, Files.readString(config).replace("  port: 0\n", "  port: 0\n  token_file: " + token + "\n"));
        Fixtures.writeLines(dir.resolve("reference/m.jsonl"), Fixtures.lines(500, 0, Instant.now().minusSeconds(86_400), 1));
        Fixtures.writeLines(dir.resolve("logs/m.jsonl"), Fixtures.lines(200, 0, Instant.now(), 2));
        Configuration c = new ConfigurationLoader(TestRegistry.standard()).load(config);
        daemon = Driftwatch.start(c, new PrintStream(PrintStream.nullOutputStream()), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        daemon.close();
    }

    private HttpResponse<String> send(String method, String path, String authorization, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(daemon.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String silence() {
        return "{\"matchers\": [\"model=\\\"m\\\"\"], \"duration\": \"1h\", \"createdBy\": \"ana\", \"comment\": \"x\"}";
    }

    @Test
    void theBearerSchemeIsCaseInsensitive() throws Exception {
        assertThat(send("POST", "/api/v1/silences", "bearer t0ps3cret", silence()).statusCode()).isEqualTo(201);
        assertThat(send("POST", "/api/v1/silences", "BEARER t0ps3cret", silence()).statusCode()).isEqualTo(201);
        assertThat(send("POST", "/api/v1/silences", "Basic t0ps3cret", silence()).statusCode()).isEqualTo(401);
    }

    @Test
    void anUnauthenticatedApproveIs401BeforeAnything404() throws Exception {
        HttpResponse<String> r = send("POST", "/api/v1/actions/42/approve", null, "{}");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(send("POST", "/api/v1/actions/42/approve", "Bearer t0ps3cret", "{}").statusCode()).isEqualTo(404);
        assertThat(send("POST", "/api/v1/actions/99999999999999999999999/approve", "Bearer t0ps3cret", "{}")
                .statusCode()).isEqualTo(404);
    }

    @Test
    void aMalformedBodyIsAnErrorThatSaysWhere() throws Exception {
        HttpResponse<String> r = send("POST", "/api/v1/silences", "Bearer t0ps3cret", "{\"matchers\": [\"a\",\n  oops]}");
        assertThat(r.statusCode()).isEqualTo(400);
        String error = Json.MAPPER.readTree(r.body()).get("error").asString();
        assertThat(error).isEqualTo("the body is not valid JSON: unexpected 'o' at line 2, column 3");
        HttpResponse<String> cut = send("POST", "/api/v1/silences", "Bearer t0ps3cret", "{\"matchers\": [");
        assertThat(Json.MAPPER.readTree(cut.body()).get("error").asString()).contains("ends too early");
    }

    @Test
    void metricsAnswersGetOnlyAndCountsSkippedRecordsFromZero() throws Exception {
        HttpResponse<String> post = send("POST", "/metrics", null, "x");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET");
        String metrics = send("GET", "/metrics", null, null).body();
        for (String reason : new String[] {"malformed_json", "bad_field_type", "unreadable_file", "missing_input"}) {
            assertThat(metrics).contains("driftwatch_records_skipped_total{model=\"m\",reason=\"" + reason + "\"} 0.0");
        }
    }

    @Test
    void alertsSeparatesFiringNowFromEvents() throws Exception {
        JsonNode bad = Json.MAPPER.readTree(send("GET", "/api/v1/alerts?state=burning", null, null).body());
        assertThat(bad.get("error").asString()).contains("state must be firing or resolved");
        assertThat(send("GET", "/api/v1/alerts?state=firing", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void startupFailuresAreOneLineWithoutAStackTrace() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Path config = dir.resolve("driftwatch.yaml");
            String text = Files.readString(config).replace("  port: 0\n", "  port: " + taken.getLocalPort() + "\n")
                    .replace("path: data/dw", "path: data/other");
            Path second = Fixtures.write(dir.resolve("second.yaml"), text);
            Console c = Console.run("run", "--config", second.toString());
            assertThat(c.status()).isEqualTo(1);
            assertThat(c.err()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort(), "set http.port")
                    .doesNotContain("Exception", "\tat ");
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Console unreachable = Console.run("alerts", "--url", "http://127.0.0.1:" + closed);
        assertThat(unreachable.status()).isEqualTo(1);
        assertThat(unreachable.err()).contains("cannot reach the daemon at http://127.0.0.1:", "connection refused")
                .doesNotContain("null");
    }
}
