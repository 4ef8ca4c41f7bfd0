package io.driftwatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.app.Configuration;
import io.driftwatch.app.ConfigurationLoader;
import io.driftwatch.app.Driftwatch;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.support.Fixtures;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code http.read_token_file}, the console and the API's reads need the read token (bearer header,
 * or the cookie that signing in sets); probes and metrics stay open; the token is never echoed.
 */
class ReadTokenTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readsNeedTheReadTokenAndProbesDoNot() throws Exception {
        Path config = Fixtures.config(dir, "1h", "alerts.jsonl");
        Fixtures.write(dir.resolve("read-token"), "r3ad\n");
        Files.writeString(config, Files.readString(config).replace("  port: 0\n", "  port: 0\n  read_token_file: "
                + dir.resolve("read-token") + "\n"));
        Instant now = Instant.now();
        Fixtures.writeLines(dir.resolve("reference/m.jsonl"), Fixtures.lines(500, 0, now.minusSeconds(86_400), 1));
        Fixtures.writeLines(dir.resolve("logs/m.jsonl"), Fixtures.lines(500, 0, now, 2));
        Configuration c = new ConfigurationLoader(TestRegistry.standard()).load(config);
        try (Driftwatch d = Driftwatch.start(c, new PrintStream(PrintStream.nullOutputStream()), Clock.systemUTC())) {
            String base = d.baseUrl();
            assertThat(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/models"))).statusCode()).isEqualTo(401);
            assertThat(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/models")).header("Authorization",
                    "Bearer r3ad")).statusCode()).isEqualTo(200);
            HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(base + "/models/m")));
            assertThat(page.statusCode()).isEqualTo(401);
            assertThat(page.body()).contains("action=\"/login\"").doesNotContain("r3ad");
            for (String open : new String[] {"/healthz", "/metrics", "/static/console.js", "/login"}) {
                assertThat(send(HttpRequest.newBuilder(URI.create(base + open))).statusCode()).as(open).isEqualTo(200);
            }
            HttpResponse<String> wrong = send(HttpRequest.newBuilder(URI.create(base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("token=nope")));
            assertThat(wrong.statusCode()).isEqualTo(401);
            HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("token=r3ad")));
            assertThat(login.statusCode()).isEqualTo(303);
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).startsWith("driftwatch_session=").contains("HttpOnly", "SameSite=Strict", "Max-Age=43200")
                    .as("an opaque session, not the token; Secure only over HTTPS").doesNotContain("r3ad", "Secure");
            HttpResponse<String> signedIn = send(HttpRequest.newBuilder(URI.create(base + "/models/m"))
                    .header("Cookie", cookie.substring(0, cookie.indexOf(';'))));
            assertThat(signedIn.statusCode()).isEqualTo(200);
            assertThat(signedIn.body()).contains("\"page\":\"model\"").doesNotContain("r3ad");
            String forged = cookie.substring(0, cookie.indexOf(';') - 3) + "AAA";
            assertThat(send(HttpRequest.newBuilder(URI.create(base + "/models/m")).header("Cookie", forged)).statusCode())
                    .as("a session whose MAC does not match").isEqualTo(401);
            assertThat(send(HttpRequest.newBuilder(URI.create(base + "/models/m")).header("Cookie", "driftwatch_token=r3ad"))
                    .statusCode()).as("a token in a cookie is no session").isEqualTo(401);

            HttpResponse<String> proxied = send(HttpRequest.newBuilder(URI.create(base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-Proto", "https")
                    .POST(HttpRequest.BodyPublishers.ofString("token=r3ad")));
            assertThat(proxied.headers().firstValue("Set-Cookie").orElseThrow()).contains("; Secure");
            HttpResponse<String> out = send(HttpRequest.newBuilder(URI.create(base + "/logout")));
            assertThat(out.statusCode()).isEqualTo(303);
            assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("driftwatch_session=;").contains("Max-Age=0");
            assertThat(send(HttpRequest.newBuilder(URI.create(base + "/login")).header("Content-Type",
                    "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("token="))).statusCode())
                    .as("an empty token signs nobody in").isEqualTo(401);

            HttpResponse<String> gate = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/gate/m/flagger/rollout"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"name\":\"c\",\"namespace\":\"ml\",\"metadata\":{\"baseline\":\"1\",\"candidate\":\"2\"}}")));
            assertThat(gate.statusCode()).as("the gate's POST reads: it needs the read token like its GET").isEqualTo(401);
            assertThat(gate.body()).doesNotContain("records", "verdict");
            HttpResponse<String> reload = send(HttpRequest.newBuilder(URI.create(base + "/-/reload"))
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(reload.statusCode()).isEqualTo(401);
            assertThat(reload.headers().firstValue("Content-Type")).as("an API's answer, not the sign-in page (Schemathesis)")
                    .hasValue("application/json");
        }
    }

    @Test
    void aBlankTokenFileIsAConfigurationError() throws Exception {
        Path config = Fixtures.config(dir, "1h", "alerts.jsonl");
        Fixtures.write(dir.resolve("read-token"), "  \n");
        Files.writeString(config, Files.readString(config).replace("  port: 0\n", "  port: 0\n  read_token_file: "
                + dir.resolve("read-token") + "\n"));
        Fixtures.writeLines(dir.resolve("reference/m.jsonl"), Fixtures.lines(500, 0, Instant.now(), 1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ConfigurationLoader(TestRegistry.standard()).load(config))
                .hasMessageContaining("read_token_file").hasMessageContaining("is empty");
    }
}
