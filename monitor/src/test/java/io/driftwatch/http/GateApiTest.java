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
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The gate through real HTTP calls shaped as Argo Rollouts' web provider (a GET whose JSON
 * {@code result.verdict} the AnalysisTemplate's conditions read) and Flagger's webhooks (a POST with the
 * canary's name, namespace, phase and metadata; 2xx passes): a worse candidate fails with its numbers,
 * an equal one passes, too few labels and a sample ratio mismatch are inconclusive with the reason.
 */
class GateApiTest {
    @TempDir
    static Path dir;
    private static Driftwatch daemon;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Version "1" is right 90% of the time, "2" (worse) 80%, "3" (as good) 90%; "4" has only 50 labels. */
    private static List<String> logs(Instant end, String model) {
        Random r = new Random(11);
        List<String> out = new ArrayList<>();
        String[] versions = {"1", "2", "3"};
        double[] accuracy = {0.9, 0.8, 0.9};
        for (int i = 0; i < 9000; i++) {
            int v = i % 3;
            out.add(line(r, end.minusMillis(9000 - i), model, versions[v], accuracy[v], true));
        }
        for (int i = 0; i < 3000; i++) {
            out.add(line(r, end.minusMillis(3000 - i), model, "4", 0.9, i < 50));
        }
        return out;
    }

    private static String line(Random r, Instant at, String model, String version, double accuracy, boolean labelled) {
        int label = r.nextBoolean() ? 1 : 0;
        boolean right = r.nextDouble() < accuracy;
        double score = (right == (label == 1)) ? 0.5 + 0.5 * r.nextDouble() : 0.5 * r.nextDouble();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@timestamp", at.toString());
        doc.put("model", model);
        doc.put("model_version", version);
        // a business outcome per request: version 2 converts half as often
        doc.put("input", Map.of("x", r.nextGaussian(), "converted", r.nextDouble() < ("2".equals(version) ? 0.05 : 0.10)));
        doc.put("prediction", score);
        if (labelled) {
            doc.put("label", label);
        }
        return Json.write(doc);
    }

    @BeforeAll
    static void start() throws Exception {
        Path config = Fixtures.write(dir.resolve("driftwatch.yaml"), """
                store: {path: data/dw}
                http: {address: 127.0.0.1, port: 0}
                rules: []
                alerts: routing.yaml
                models:
                  - name: m
                    source: {path: logs/m.jsonl}
                    reference: {file: reference/m.jsonl}
                    features: [{name: x, type: numeric}]
                    prediction: {field: prediction, type: numeric}
                    window: 1h
                    schedule: {interval: 1h}
                    gate: {min_labelled: 200, alpha: 0.05, tau: 0.05}
                  - name: split
                    source: {path: logs/split.jsonl}
                    reference: {file: reference/split.jsonl}
                    features: [{name: x, type: numeric}]
                    prediction: {field: prediction, type: numeric}
                    window: 1h
                    schedule: {interval: 1h}
                    gate: {expected_split: {"1": 0.9, "3": 0.1}}
                  - name: outcome
                    source: {path: logs/outcome.jsonl}
                    reference: {file: reference/outcome.jsonl}
                    features: [{name: x, type: numeric}]
                    prediction: {field: prediction, type: numeric}
                    window: 1h
                    schedule: {interval: 1h}
                    gate: {outcome: converted, better: higher}
                """);
        Fixtures.consoleRouting(dir.resolve("routing.yaml"));
        Instant now = Instant.now();
        for (String model : new String[] {"m", "split", "outcome"}) {
            Fixtures.writeLines(dir.resolve("reference/" + model + ".jsonl"), logs(now.minusSeconds(86_400), model));
            Fixtures.writeLines(dir.resolve("logs/" + model + ".jsonl"), logs(now, model));
        }
        Configuration c = new ConfigurationLoader(TestRegistry.standard()).load(config);
        daemon = Driftwatch.start(c, new PrintStream(PrintStream.nullOutputStream()), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        daemon.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(daemon.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A call as Flagger makes it: every hook type with phase Progressing and the same body. */
    private static HttpResponse<String> flagger(String model, String hook, String baseline, String candidate) throws Exception {
        String body = Json.write(Map.of("name", "podinfo", "namespace", "ml", "phase", "Progressing", "checksum", "85d557f47b",
                "metadata", Map.of("baseline", baseline, "candidate", candidate)));
        return HTTP.send(HttpRequest.newBuilder(URI.create(daemon.baseUrl() + "/api/v1/gate/" + model + "/flagger/" + hook))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode check(JsonNode verdict, String name) {
        for (JsonNode c : verdict.get("checks")) {
            if (c.get("name").asString().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + verdict);
    }

    @Test
    void aWorseCandidateFailsWithItsNumbers() throws Exception {
        HttpResponse<String> r = get("/api/v1/gate/m?baseline=1&candidate=2&caller=argo-rollouts");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode v = Json.MAPPER.readTree(r.body());
        assertThat(v.get("verdict").asString()).isEqualTo("fail");
        JsonNode q = check(v, "quality_difference");
        assertThat(q.get("result").asString()).isEqualTo("fail");
        assertThat(q.get("value").asDouble()).isBetween(-0.13, -0.07);
        assertThat(q.get("reason").asString()).contains("the candidate is worse: accuracy", "always-valid p");
        assertThat(v.get("reasons").toString()).contains("quality_difference");
        assertThat(v.get("window").asString()).isEqualTo("1h");
        assertThat(flagger("m", "rollout", "1", "2").statusCode()).as("a rollout hook counts the failure").isEqualTo(412);
        assertThat(flagger("m", "confirm-promotion", "1", "2").statusCode()).isEqualTo(412);
    }

    @Test
    void anEqualCandidatePassesAndFlaggerGets200() throws Exception {
        JsonNode v = Json.MAPPER.readTree(get("/api/v1/gate/m?baseline=1&candidate=3").body());
        assertThat(v.get("verdict").asString()).as(v.toString()).isEqualTo("pass");
        assertThat(check(v, "prediction_drift").get("result").asString()).isEqualTo("pass");
        assertThat(flagger("m", "confirm-promotion", "1", "3").statusCode()).isEqualTo(200);
        HttpResponse<String> f = flagger("m", "rollout", "1", "3");
        assertThat(f.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(f.body()).get("verdict").asString()).isEqualTo("pass");
        assertThat(get("/metrics").body()).contains("driftwatch_gate_calls_total{model=\"m\",verdict=\"pass\"}");
    }

    @Test
    void tooFewLabelsAndASampleRatioMismatchAreInconclusiveWithTheReason() throws Exception {
        JsonNode few = Json.MAPPER.readTree(get("/api/v1/gate/m?baseline=1&candidate=4").body());
        assertThat(few.get("verdict").asString()).isEqualTo("inconclusive");
        assertThat(check(few, "quality_difference").get("reason").asString())
                .contains("3000 labelled records of 1 and 50 of 4", "gate.min_labelled is 200");
        JsonNode srm = Json.MAPPER.readTree(get("/api/v1/gate/split?baseline=1&candidate=3").body());
        assertThat(srm.get("verdict").asString()).isEqualTo("inconclusive");
        assertThat(srm.get("reasons").get(0).asString()).startsWith("sample_ratio: sample ratio mismatch");
        assertThat(flagger("split", "confirm-promotion", "1", "3").statusCode()).as("confirm-promotion holds").isEqualTo(412);
        assertThat(flagger("split", "confirm-traffic-increase", "1", "3").statusCode()).isEqualTo(412);
        HttpResponse<String> rollout = flagger("split", "rollout", "1", "3");
        assertThat(rollout.statusCode()).as("inconclusive is no failure for the rollout hook: Flagger counts none")
                .isEqualTo(200);
        assertThat(Json.MAPPER.readTree(rollout.body()).get("verdict").asString()).isEqualTo("inconclusive");
    }

    @Test
    void aBusinessOutcomeFieldIsComparedInsteadOfTheLabel() throws Exception {
        JsonNode v = Json.MAPPER.readTree(get("/api/v1/gate/outcome?baseline=1&candidate=2").body());
        assertThat(v.get("verdict").asString()).isEqualTo("fail");
        JsonNode o = check(v, "outcome_difference");
        assertThat(o.get("reason").asString()).contains("the candidate is worse: share of converted");
        assertThat(o.get("value").asDouble()).isBetween(-0.07, -0.03);
        JsonNode same = Json.MAPPER.readTree(get("/api/v1/gate/outcome?baseline=1&candidate=3").body());
        assertThat(check(same, "outcome_difference").get("result").asString()).isEqualTo("pass");
    }

    @Test
    void badCallsGetClearErrors() throws Exception {
        assertThat(get("/api/v1/gate/m").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/gate/nope?baseline=1&candidate=2").statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/gate/m?baseline=1&candidate=2&window=soon").body()).contains("window must be a duration");
        assertThat(flagger("m", "rollout", "1", "1").statusCode()).isEqualTo(400);
        assertThat(flagger("m", "pre-rollout", "1", "2").statusCode()).isEqualTo(404);
    }
}
