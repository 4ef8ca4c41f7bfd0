package io.driftwatch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.action.ActionFixture;
import io.driftwatch.app.Configuration;
import io.driftwatch.app.ConfigurationLoader;
import io.driftwatch.app.Driftwatch;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.source.kubernetes.Crds;
import io.driftwatch.support.FakeModelExporter;
import io.driftwatch.support.Fixtures;
import io.driftwatch.support.PrometheusServer;
import io.driftwatch.util.Json;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The gate's two checks that come from outside the logs: the model's PromQL health rules asked about the
 * candidate alone (a real Prometheus scraping a service whose version 2 fails 20% of requests while 1 and
 * 3 fail 1%: together they would breach 5%), and the expected split read at each call from an Istio
 * VirtualService and an Argo Rollout in the (mock, CRUD) Kubernetes API.
 */
@EnableKubernetesMockClient(crud = true)
class GateHealthAndSplitTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    KubernetesClient client;
    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        ActionFixture.clearClientProperties();
    }

    /** Requests of model "vs" by version and code; version 2 fails a fifth of them. */
    private static String exposition(long n) {
        StringBuilder out = new StringBuilder("# TYPE model_requests_total counter\n");
        for (String v : new String[] {"1", "2", "3"}) {
            long failed = "2".equals(v) ? 20 : 1;
            out.append("model_requests_total{model=\"vs\",version=\"").append(v).append("\",code=\"200\"} ")
                    .append((100 - failed) * n).append('\n');
            out.append("model_requests_total{model=\"vs\",version=\"").append(v).append("\",code=\"500\"} ")
                    .append(failed * n).append('\n');
        }
        return out.toString();
    }

    /** {@code counts[i]} records of version {@code versions[i]}, all alike, all labelled, in the last seconds. */
    private static List<String> logs(Instant end, String model, String[] versions, int[] counts, long seed) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>();
        int total = java.util.Arrays.stream(counts).sum();
        int[] left = counts.clone();
        for (int i = 0; i < total; i++) {
            int v = i % versions.length;
            while (left[v] == 0) {
                v = (v + 1) % versions.length;
            }
            left[v]--;
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("@timestamp", end.minusMillis(total - i).toString());
            doc.put("model", model);
            doc.put("model_version", versions[v]);
            doc.put("input", Map.of("x", r.nextGaussian()));
            doc.put("prediction", r.nextGaussian());
            doc.put("label", r.nextGaussian());
            out.add(Json.write(doc));
        }
        return out;
    }

    private void resource(io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext crd, String name,
                          Map<String, Object> spec, Map<String, Object> status) {
        GenericKubernetesResource r = new GenericKubernetesResourceBuilder()
                .withApiVersion(crd.getGroup() + "/" + crd.getVersion()).withKind(crd.getKind())
                .withNewMetadata().withName(name).withNamespace("ml").endMetadata().build();
        r.setAdditionalProperty("spec", spec);
        if (status != null) {
            r.setAdditionalProperty("status", status);
        }
        client.genericKubernetesResources(crd).inNamespace("ml").resource(r).createOr(x -> x.update());
    }

    private static Map<String, Object> virtualService(int stable, int canary) {
        return Map.of("hosts", List.of("vs"), "http", List.of(Map.of("name", "primary", "route", List.of(
                Map.of("destination", Map.of("host", "vs-stable"), "weight", stable),
                Map.of("destination", Map.of("host", "vs-canary"), "weight", canary)))));
    }

    private static Map<String, Object> rolloutSpec() {
        return Map.of("strategy", Map.of("canary", Map.of("trafficRouting", Map.of("istio", Map.of("virtualService",
                Map.of("name", "ro"))), "steps", List.of(Map.of("setWeight", 10),
                Map.of("pause", Map.of("duration", "10m")), Map.of("setWeight", 20), Map.of("pause", Map.of())))));
    }

    private Driftwatch start(String prometheusUrl) throws Exception {
        Path config = Fixtures.write(dir.resolve("driftwatch.yaml"), """
                store: {path: data/dw}
                http: {address: 127.0.0.1, port: 0}
                rules: [rules/health.yaml]
                alerts: routing.yaml
                prometheus: {url: %s, timeout: 2s, interval: 1h}
                models:
                  - name: vs
                    source: {path: logs/vs.jsonl}
                    reference: {file: reference/vs.jsonl}
                    features: [{name: x, type: numeric}]
                    prediction: {field: prediction, type: numeric}
                    window: 1h
                    gate:
                      split_from: {virtual_service: {namespace: ml, name: vs, baseline: vs-stable, candidate: vs-canary}}
                      health: {rules: [ErrorRatio*]}
                  - name: ro
                    source: {path: logs/ro.jsonl}
                    reference: {file: reference/ro.jsonl}
                    features: [{name: x, type: numeric}]
                    prediction: {field: prediction, type: numeric}
                    window: 1h
                    gate:
                      split_from: {rollout: {namespace: ml, name: ro}}
                      health: {rules: []}
                """.formatted(prometheusUrl));
        Fixtures.write(dir.resolve("rules/health.yaml"), """
                rules:
                  - name: ErrorRatioHigh
                    source: prometheus
                    expr: sum by (model) (rate(model_requests_total{code=~"5.."}[30s])) / sum by (model) (rate(model_requests_total[30s]))
                    op: ">"
                    threshold: 0.05
                  - name: PodRestarting
                    source: prometheus
                    expr: sum by (pod) (increase(kube_pod_container_status_restarts_total[30s]))
                    threshold: 0
                """);
        Fixtures.consoleRouting(dir.resolve("routing.yaml"));
        Instant now = Instant.now();
        Fixtures.writeLines(dir.resolve("reference/vs.jsonl"), logs(now.minusSeconds(86_400), "vs",
                new String[] {"1"}, new int[] {2000}, 1));
        Fixtures.writeLines(dir.resolve("logs/vs.jsonl"), logs(now, "vs", new String[] {"1", "2", "3"},
                new int[] {1000, 1000, 1000}, 2));
        Fixtures.writeLines(dir.resolve("reference/ro.jsonl"), logs(now.minusSeconds(86_400), "ro",
                new String[] {"1"}, new int[] {2000}, 3));
        Fixtures.writeLines(dir.resolve("logs/ro.jsonl"), logs(now, "ro", new String[] {"1", "3"},
                new int[] {2700, 300}, 4));
        Configuration c = new ConfigurationLoader(TestRegistry.standard()).load(config);
        return Driftwatch.start(c, new PrintStream(PrintStream.nullOutputStream()), Clock.systemUTC());
    }

    private static JsonNode gate(Driftwatch daemon, String model, String candidate) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(daemon.baseUrl() + "/api/v1/gate/" + model
                + "?baseline=1&candidate=" + candidate)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    private static JsonNode check(JsonNode verdict, String name) {
        for (JsonNode c : verdict.get("checks")) {
            if (c.get("name").asString().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + verdict);
    }

    private static List<String> names(JsonNode verdict) {
        List<String> out = new ArrayList<>();
        verdict.get("checks").forEach(c -> out.add(c.get("name").asString()));
        return out;
    }

    @Test
    void healthRulesJudgeTheCandidateAloneAndTheSplitIsReadAtEachCall() throws Exception {
        ActionFixture.pointClientsAt(client);
        resource(Crds.VIRTUAL_SERVICE, "vs", virtualService(50, 50), null);
        resource(Crds.ROLLOUT, "ro", rolloutSpec(), Map.of("currentStepIndex", 1,
                "canary", Map.of("weights", Map.of("canary", Map.of("weight", 10), "stable", Map.of("weight", 90)))));
        try (FakeModelExporter service = new FakeModelExporter(GateHealthAndSplitTest::exposition);
             PrometheusServer prometheus = PrometheusServer.start(Files.createDirectories(dir.resolve("prom")),
                     List.of(service.target()));
             Driftwatch daemon = start(prometheus.url())) {
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    prometheus.query("count_over_time(model_requests_total[1m]) >= 3").size() == 6);
            assertThat(prometheus.query("sum by (model) (rate(model_requests_total{code=~\"5..\"}[30s])) "
                    + "/ sum by (model) (rate(model_requests_total[30s]))").get(0).get("value").get(1).asDouble())
                    .as("all versions together breach 5%").isGreaterThan(0.05);

            JsonNode bad = gate(daemon, "vs", "2");
            assertThat(bad.get("verdict").asString()).as(bad.toString()).isEqualTo("fail");
            JsonNode health = check(bad, "health.ErrorRatioHigh");
            assertThat(health.get("result").asString()).isEqualTo("fail");
            assertThat(health.get("value").asDouble()).isCloseTo(0.20, org.assertj.core.data.Offset.offset(0.005));
            assertThat(health.get("reason").asString()).contains("version=\"2\"").contains("> 0.05");
            assertThat(names(bad)).as("PodRestarting is not among gate.health.rules").doesNotContain("health.PodRestarting");

            JsonNode good = gate(daemon, "vs", "3");
            assertThat(good.get("verdict").asString()).as(good.toString()).isEqualTo("pass");
            assertThat(check(good, "health.ErrorRatioHigh").get("value").asDouble())
                    .isCloseTo(0.01, org.assertj.core.data.Offset.offset(0.002));
            assertThat(check(good, "sample_ratio").get("reason").asString()).contains("VirtualService ml/vs");

            JsonNode none = gate(daemon, "vs", "9");
            assertThat(check(none, "health.ErrorRatioHigh").get("result").asString()).isEqualTo("inconclusive");
            assertThat(check(none, "health.ErrorRatioHigh").get("reason").asString()).contains("no series of version=\"9\"");

            resource(Crds.VIRTUAL_SERVICE, "vs", virtualService(90, 10), null);
            JsonNode shifted = gate(daemon, "vs", "3");
            assertThat(shifted.get("verdict").asString()).isEqualTo("inconclusive");
            assertThat(check(shifted, "sample_ratio").get("reason").asString())
                    .contains("sample ratio mismatch").contains("VirtualService ml/vs");

            JsonNode rollout = gate(daemon, "ro", "3");
            assertThat(check(rollout, "sample_ratio").get("result").asString()).as(rollout.toString()).isEqualTo("pass");
            assertThat(check(rollout, "sample_ratio").get("reason").asString()).contains("status.canary.weights");
            assertThat(names(rollout)).noneMatch(n -> n.startsWith("health."));

            resource(Crds.ROLLOUT, "ro", rolloutSpec(), Map.of("currentStepIndex", 3));
            JsonNode stepped = gate(daemon, "ro", "3");
            assertThat(check(stepped, "sample_ratio").get("reason").asString())
                    .contains("sample ratio mismatch").contains("step 3 setWeight").contains("3=20.0");

            client.genericKubernetesResources(Crds.ROLLOUT).inNamespace("ml").withName("ro").delete();
            JsonNode gone = gate(daemon, "ro", "3");
            assertThat(gone.get("verdict").asString()).isEqualTo("inconclusive");
            assertThat(check(gone, "sample_ratio").get("reason").asString()).contains("Rollout ml/ro does not exist");
        }
    }
}
