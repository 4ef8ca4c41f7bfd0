package io.driftwatch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.app.Configuration;
import io.driftwatch.app.ConfigurationLoader;
import io.driftwatch.app.Driftwatch;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.evaluation.EvaluationRow;
import io.driftwatch.support.Fixtures;
import io.driftwatch.support.Promtool;
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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** A whole daemon in this JVM, driven through its HTTP API: evaluations, alerts, metrics, readiness. */
class DaemonApiTest {
    @TempDir
    static Path dir;
    private static Driftwatch daemon;
    private static EvaluationRow second;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Path config = Fixtures.config(dir, "1h", "alerts.jsonl");
        Instant now = Instant.now();
        Fixtures.writeLines(dir.resolve("reference/m.jsonl"), Fixtures.lines(2000, 0, now.minusSeconds(86_400), 1));
        List<String> logs = new ArrayList<>(Fixtures.lines(1000, 1.0, now, 2));
        logs.add("{broken");
        Fixtures.writeLines(dir.resolve("logs/m.jsonl"), logs);
        Configuration c = new ConfigurationLoader(TestRegistry.standard()).load(config);
        daemon = Driftwatch.start(c, new PrintStream(PrintStream.nullOutputStream()), Clock.systemUTC());
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/models/m/evaluations").body().contains("\"id\""));
        second = daemon.evaluateNow("m");
    }

    @AfterAll
    static void stop() {
        daemon.close();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(daemon.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void evaluationsAreStoredAndServedNewestFirst() throws Exception {
        HttpResponse<String> r = get("/api/v1/models/m/evaluations?limit=1");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode evals = Json.MAPPER.readTree(r.body());
        assertThat(evals).hasSize(1);
        JsonNode e = evals.get(0);
        assertThat(e.get("verdict").asString()).isEqualTo("drift");
        assertThat(e.get("records").asLong()).isEqualTo(1000);
        assertThat(e.get("version").asString()).isEqualTo("7");
        JsonNode x = e.get("report").get("columns").get(0);
        assertThat(x.get("name").asString()).isEqualTo("x");
        assertThat(x.get("status").asString()).isEqualTo("drift");
        assertThat(x.get("n_reference").asLong()).isEqualTo(2000);
        assertThat(e.get("report").get("verdict").asString()).isEqualTo("drift");
        assertThat(Json.MAPPER.readTree(get("/api/v1/models/m/evaluations?limit=5").body())).hasSize(2);
    }

    @Test
    void theRuleFiresAfterTwoBreachingEvaluationsAndTheAlertReachesTheReceiver() throws Exception {
        List<String> alerts = Files.readAllLines(dir.resolve("alerts/alerts.jsonl"));
        assertThat(alerts).singleElement().satisfies(line -> {
            JsonNode a = Json.MAPPER.readTree(line);
            assertThat(a.get("status").asString()).isEqualTo("firing");
            assertThat(a.get("labels").get("alertname").asString()).isEqualTo("XShift");
            assertThat(a.get("labels").get("feature").asString()).isEqualTo("x");
            assertThat(a.get("value").asDouble()).isGreaterThan(0.25);
            assertThat(a.get("annotations").get("summary").asString()).startsWith("PSI 0.").endsWith(" on x");
        });
    }

    @Test
    void modelsListShowsConfigurationAndLastEvaluation() throws Exception {
        JsonNode models = Json.MAPPER.readTree(get("/api/v1/models").body());
        assertThat(models).hasSize(1);
        JsonNode m = models.get(0);
        assertThat(m.get("name").asString()).isEqualTo("m");
        assertThat(m.get("window").asString()).isEqualTo("1h");
        assertThat(m.get("features").get(1).get("type").asString()).isEqualTo("categorical");
        assertThat(m.get("last_evaluation").get("verdict").asString()).isEqualTo("drift");
    }

    @Test
    void aSingleReplicaOnH2IsAClusterOfOneThatRanTheModel() throws Exception {
        JsonNode c = Json.MAPPER.readTree(get("/api/v1/cluster").body());
        assertThat(c.get("store").asString()).isEqualTo("h2");
        String me = c.get("replica").asString();
        assertThat(c.get("members")).singleElement().satisfies(m -> {
            assertThat(m.get("name").asString()).isEqualTo(me);
            assertThat(m.get("alive").asBoolean()).isTrue();
        });
        assertThat(c.get("models")).singleElement().satisfies(m -> {
            assertThat(m.get("model").asString()).isEqualTo("m");
            assertThat(m.get("last_replica").asString()).isEqualTo(me);
        });
        JsonNode ready = Json.MAPPER.readTree(get("/readyz").body());
        assertThat(ready.get("cluster").get("replica").asString()).isEqualTo(me);
        assertThat(get("/metrics").body()).contains("driftwatch_cluster_members 1.0")
                .contains("driftwatch_cluster_model_last_runner{model=\"m\",replica=\"" + me + "\"} 1.0");
    }

    @Test
    void badRequestsGetClearErrorsAndAreCounted() throws Exception {
        assertThat(get("/api/v1/models/m/evaluations?limit=0").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/models/m/evaluations?limit=abc").body()).contains("limit must be an integer from 1 to 1000");
        assertThat(get("/api/v1/models/nope/evaluations").statusCode()).isEqualTo(404);
        assertThat(get("/api/v2/things").statusCode()).isEqualTo(404);
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(daemon.baseUrl() + "/api/v1/models"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(get("/metrics").body()).contains("driftwatch_http_requests_total{code=\"400\",endpoint=\"evaluations\"}");
    }

    @Test
    void healthAndReadiness() throws Exception {
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        JsonNode r = Json.MAPPER.readTree(ready.body());
        assertThat(r.get("scheduler_running").asBoolean()).isTrue();
        assertThat(r.get("models").get("m").get("ok").asBoolean()).isTrue();
        assertThat(r.get("models").get("m").get("max_age_seconds").asLong()).isEqualTo(3 * 3600);
    }

    @Test
    void metricsExposeDriftSkipsAndAlertsAndPassPromtool() throws Exception {
        String metrics = get("/metrics").body();
        assertThat(metrics).contains("driftwatch_evaluations_total{model=\"m\",verdict=\"drift\"} 2.0")
                .contains("driftwatch_records_skipped_total{model=\"m\",reason=\"malformed_json\"} 1.0")
                .contains("driftwatch_drift_statistic{feature=\"x\",model=\"m\",test=\"psi\",version=\"7\"}")
                .contains("driftwatch_drift_p_value{feature=\"x\",model=\"m\",test=\"ks\",version=\"7\"}")
                .contains("driftwatch_alerts_total{model=\"m\",status=\"firing\"} 1.0")
                .contains("driftwatch_notifications_total{receiver=\"file\",result=\"sent\"} 1.0")
                .contains("driftwatch_model_verdict{model=\"m\"} 1.0");
        assertThat(Promtool.checkMetrics(metrics)).isEmpty();
    }

    @Test
    void storedRowMatchesWhatEvaluateNowReturns() throws Exception {
        EvaluationRow row = second;
        JsonNode latest = Json.MAPPER.readTree(get("/api/v1/models/m/evaluations?limit=1").body()).get(0);
        assertThat(latest.get("id").asLong()).isEqualTo(row.id());
        assertThat(latest.get("drifted_features").asInt()).isEqualTo(row.drifted());
    }
}
