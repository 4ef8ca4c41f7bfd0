package io.driftwatch.action;

import static io.driftwatch.action.ActionFixture.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.app.Configuration;
import io.driftwatch.app.ConfigurationLoader;
import io.driftwatch.app.Driftwatch;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.support.Console;
import io.driftwatch.support.Fixtures;
import io.driftwatch.util.Json;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The daemon end to end with a model in {@code approve} mode: drift fires the rule, the rollback waits
 * for an authenticated approval through the API, then rolls the Deployment back, and each step is an
 * alert; {@code driftwatch actions} lists the audit trail.
 */
@EnableKubernetesMockClient(crud = true)
class ActionsDaemonTest {
    KubernetesClient client;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void clear() {
        ActionFixture.clearClientProperties();
    }

    private HttpResponse<String> send(String method, String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method, method.equals("POST")
                ? HttpRequest.BodyPublishers.ofString("{\"approver\":\"ana\"}") : HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRollbackWaitsForApprovalThenRollsBack() throws Exception {
        Path config = ActionFixture.approveModeDaemon(client, dir, "t0k3n");
        Instant now = Instant.now();
        Fixtures.writeLines(dir.resolve("reference/m.jsonl"), Fixtures.lines(2000, 0, now.minusSeconds(86_400), 1));
        Fixtures.writeLines(dir.resolve("logs/m.jsonl"), Fixtures.lines(1000, 1.0, now, 2));
        Configuration c = new ConfigurationLoader(TestRegistry.standard()).load(config);
        try (Driftwatch d = Driftwatch.start(c, new PrintStream(PrintStream.nullOutputStream()), Clock.systemUTC())) {
            String api = d.baseUrl();
            await().atMost(Duration.ofSeconds(30)).until(() -> Json.MAPPER.readTree(send("GET", api + "/api/v1/actions",
                    null).body()).findValuesAsString("state").equals(java.util.List.of("pending_approval")));
            JsonNode pending = Json.MAPPER.readTree(send("GET", api + "/api/v1/actions?model=m", null).body()).get(0);
            assertThat(pending.get("state").asString()).isEqualTo("pending_approval");
            assertThat(pending.get("rule").asString()).isEqualTo("XShift");
            assertThat(pending.get("evidence").get("feature").asString()).isEqualTo("x");
            assertThat(pending.get("patch").asString()).contains("registry/my-model:v2");
            long id = pending.get("id").asLong();
            assertThat(send("POST", api + "/api/v1/actions/" + id + "/approve", null).statusCode()).isEqualTo(401);
            assertThat(image()).isEqualTo("registry/my-model:v3");
            HttpResponse<String> approved = send("POST", api + "/api/v1/actions/" + id + "/approve", "t0k3n");
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> image().equals("registry/my-model:v2"));
            ActionFixture.rolledOut(client, "my-model");
            await().atMost(Duration.ofSeconds(10)).until(() -> Json.MAPPER.readTree(send("GET", api + "/api/v1/actions/"
                    + id, null).body()).get("state").asString().equals("succeeded"));
            JsonNode done = Json.MAPPER.readTree(send("GET", api + "/api/v1/actions/" + id, null).body());
            assertThat(done.get("approved_by").asString()).isEqualTo("ana");
            assertThat(done.get("revision_before").asString() + "->" + done.get("revision_after").asString())
                    .isEqualTo("3->2");
            assertThat(send("POST", api + "/api/v1/actions/" + id + "/approve", "t0k3n").statusCode()).isEqualTo(409);
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(dir.resolve("alerts/alerts.jsonl"))
                    .contains("action_succeeded"));
            assertThat(Files.readString(dir.resolve("alerts/alerts.jsonl"))).contains("action_pending_approval");
            Console cli = Console.run("actions", "--url", api);
            assertThat(cli.status()).isZero();
            assertThat(cli.out()).containsPattern(id + " +m +rollback +deployment-undo +succeeded");
        }
    }

    private String image() {
        return client.apps().deployments().inNamespace(NS).withName("my-model").get().getSpec().getTemplate().getSpec()
                .getContainers().get(0).getImage();
    }
}
