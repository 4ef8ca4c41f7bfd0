package io.driftwatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.app.Configuration;
import io.driftwatch.app.ConfigurationLoader;
import io.driftwatch.app.Driftwatch;
import io.driftwatch.drift.TestRegistry;
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
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document served at {@code /api/v1/openapi.json} has an operation for every route the
 * daemon serves and no other: its operations are {@link Routes#TEMPLATES}, and each of them, called on a
 * live daemon, is routed (never "no such endpoint", never 405).
 */
class OpenApiTest {
    private static final Map<String, String> SAMPLES = Map.of("model", "m", "feature", "x", "id", "1", "hook", "rollout",
            "file", "console.js");

    @TempDir
    Path dir;

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedOperationIsServed() throws Exception {
        Path config = Fixtures.config(dir, "1h", "alerts.jsonl");
        Fixtures.write(dir.resolve("token"), "t0k\n");
        Files.writeString(config, Files.readString(config).replace("  port: 0\n", "  port: 0\n  token_file: token\n"));
        Instant now = Instant.now();
        Fixtures.writeLines(dir.resolve("reference/m.jsonl"), Fixtures.lines(500, 0, now.minusSeconds(86_400), 1));
        Fixtures.writeLines(dir.resolve("logs/m.jsonl"), Fixtures.lines(300, 0, now, 2));
        Configuration c = new ConfigurationLoader(TestRegistry.standard()).load(config);
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        try (Driftwatch d = Driftwatch.start(c, new PrintStream(PrintStream.nullOutputStream()), Clock.systemUTC())) {
            d.evaluateNow("m");
            HttpResponse<String> served = http.send(HttpRequest.newBuilder(URI.create(d.baseUrl() + "/api/v1/openapi.json"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(served.statusCode()).isEqualTo(200);
            JsonNode doc = Json.MAPPER.readTree(served.body());
            assertThat(doc.get("openapi").asString()).startsWith("3.1");
            Set<String> documented = new TreeSet<>();
            doc.get("paths").properties().forEach(p -> p.getValue().properties().forEach(op ->
                    documented.add(op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + p.getKey())));
            assertThat(documented).as("the document's operations are the routes").isEqualTo(new TreeSet<>(Routes.TEMPLATES));
            for (String template : Routes.TEMPLATES) {
                String method = template.substring(0, template.indexOf(' '));
                String path = template.substring(template.indexOf(' ') + 1);
                for (var e : SAMPLES.entrySet()) {
                    path = path.replace("{" + e.getKey() + "}", e.getValue());
                }
                String body = method.equals("POST") ? (path.equals("/login") ? "token=t0k"
                        : "{\"matchers\": [\"model=\\\"m\\\"\"], \"duration\": \"1h\", \"createdBy\": \"t\", \"approver\": \"t\", "
                        + "\"metadata\": {\"baseline\": \"1\", \"candidate\": \"2\"}}") : null;
                HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(d.baseUrl() + path + "?baseline=1&candidate=2"))
                        .header("Authorization", "Bearer t0k")
                        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
                HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(template + ": " + r.body()).isNotEqualTo(405).isLessThan(500);
                assertThat(r.body()).as(template).doesNotContain("no such endpoint");
                JsonNode op = doc.get("paths").get(template.substring(template.indexOf(' ') + 1))
                        .get(method.toLowerCase(java.util.Locale.ROOT));
                assertThat(op.get("responses").has(Integer.toString(r.statusCode())))
                        .as(template + " answered " + r.statusCode() + ", which the document lists").isTrue();
            }
        }
    }
}
