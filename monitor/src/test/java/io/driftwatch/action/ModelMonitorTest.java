package io.driftwatch.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.driftwatch.app.Configuration;
import io.driftwatch.app.ConfigurationLoader;
import io.driftwatch.app.Driftwatch;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.support.Fixtures;
import io.driftwatch.support.KubeApiServer;
import io.driftwatch.support.Kustomize;
import io.driftwatch.support.ManualClock;
import io.driftwatch.util.Json;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * ModelMonitor resources on a real kube-apiserver (the CRD of k8s/crds/, Driftwatch as its ServiceAccount
 * with the ClusterRole of k8s/): one applied is evaluated within seconds and its status tells the verdict,
 * the drifted features and the firing alerts (printer columns for {@code kubectl get}); the CRD's schema
 * refuses a bad structure, the parser's validation lands in the Ready condition with the field's path; a
 * monitor acts only in its own namespace; a delete stops it.
 */
class ModelMonitorTest {
    private static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");
    private static final ResourceDefinitionContext MM = KubeApiServer.MODEL_MONITORS;

    @TempDir
    Path dir;

    private GenericKubernetesResource monitor(String name, Map<String, Object> spec) {
        GenericKubernetesResource r = new GenericKubernetesResource();
        r.setApiVersion("driftwatch.io/v1alpha1");
        r.setKind("ModelMonitor");
        r.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).withNamespace("ml").build());
        r.setAdditionalProperty("spec", spec);
        return r;
    }

    private Map<String, Object> spec(String window) {
        return Map.of("source", Map.of("path", dir.resolve("logs/churn.jsonl").toString()),
                "reference", Map.of("file", dir.resolve("reference/churn.jsonl").toString()),
                "features", List.of(Map.of("name", "x", "type", "numeric"), Map.of("name", "c", "type", "categorical")),
                "window", window, "schedule", Map.of("interval", "1h"),
                "rules", List.of(Map.of("name", "ChurnShift", "expr", "psi > 0.25", "for", 1, "severity", "critical")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> status(KubernetesClient admin, String name) {
        GenericKubernetesResource r = admin.genericKubernetesResources(MM).inNamespace("ml").withName(name).get();
        return r == null ? Map.of() : (Map<String, Object>) r.getAdditionalProperties().getOrDefault("status", Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> condition(Map<String, Object> status, String type) {
        return ((List<Map<String, Object>>) status.getOrDefault("conditions", List.of())).stream()
                .filter(c -> type.equals(c.get("type"))).findFirst().orElse(Map.of());
    }

    @Test
    @SuppressWarnings("unchecked")
    void modelMonitorsAreEvaluatedReportedValidatedAndStopped() throws Exception {
        try (KubeApiServer server = KubeApiServer.start(); KubernetesClient admin = server.admin()) {
            for (JsonNode d : Kustomize.build("k8s")) {
                String kind = d.get("kind").asString();
                if (List.of("Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition")
                        .contains(kind)) {
                    admin.resource(Json.write(d)).serverSideApply();
                }
            }
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> admin.genericKubernetesResources(MM).inAnyNamespace().list() != null);
            String readme = Files.readString(Kustomize.REPO.resolve("README.md"));
            String section = readme.substring(readme.indexOf("## ModelMonitor resources"));
            String example = section.substring(section.indexOf("```yaml\n") + 8, section.indexOf("```\n", section.indexOf("```yaml")));
            admin.resource(Json.write(new tools.jackson.dataformat.yaml.YAMLMapper().readTree(example))).dryRun()
                    .fieldValidation(io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation.STRICT).serverSideApply();
            KubeApiServer.DefaultClient daemon = server.defaultClientAs("driftwatch", "driftwatch");
            Path config = Fixtures.config(dir, "1h", "alerts.jsonl");
            Files.writeString(config, Files.readString(config) + "kubernetes: {model_monitors: true}\n");
            Fixtures.writeLines(dir.resolve("reference/m.jsonl"), Fixtures.lines(500, 0, T0.minusSeconds(7200), 1));
            Fixtures.writeLines(dir.resolve("logs/m.jsonl"), Fixtures.lines(300, 0, T0, 2));
            Fixtures.writeLines(dir.resolve("reference/churn.jsonl"), Fixtures.lines(500, 0, T0.minusSeconds(7200), 3).stream()
                    .map(l -> l.replace("\"model\":\"m\"", "\"model\":\"ml.churn\"")).toList());
            Fixtures.writeLines(dir.resolve("logs/churn.jsonl"), Fixtures.lines(400, 3, T0, 4).stream()
                    .map(l -> l.replace("\"model\":\"m\"", "\"model\":\"ml.churn\"")).toList());
            Configuration c = new ConfigurationLoader(TestRegistry.standard()).load(config);
            try (Driftwatch d = Driftwatch.start(c, new PrintStream(PrintStream.nullOutputStream()), new ManualClock(T0))) {
                admin.genericKubernetesResources(MM).inNamespace("ml").resource(monitor("churn", spec("1h"))).create();
                await().atMost(Duration.ofSeconds(20)).until(() -> d.configuration().main().model("ml.churn").isPresent());
                assertThat(condition(status(admin, "churn"), "Ready")).containsEntry("status", "True")
                        .containsEntry("observedGeneration", 1);
                assertThat(d.evaluateNow("ml.churn").verdict()).isEqualTo("DRIFT");
                await().atMost(Duration.ofSeconds(20)).until(() -> "DRIFT".equals(status(admin, "churn").get("verdict")));
                Map<String, Object> s = status(admin, "churn");
                assertThat(s).containsEntry("drifted", 1).containsEntry("model", "ml.churn");
                assertThat((List<String>) s.get("driftedFeatures")).containsExactly("x");
                assertThat((List<String>) s.get("firingAlerts")).containsExactly("ChurnShift{feature=x}");
                assertThat(condition(s, "Drift")).containsEntry("status", "True");
                assertThat(d.evaluateNow("m").verdict()).as("the file-configured model works beside it").isEqualTo("OK");

                HttpResponse<String> table = HttpClient.newBuilder().sslContext(trustAll()).build().send(HttpRequest.newBuilder(
                        URI.create(server.url() + "/apis/driftwatch.io/v1alpha1/namespaces/ml/modelmonitors"))
                        .header("Authorization", "Bearer " + daemon.token())
                        .header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io").build(), HttpResponse.BodyHandlers.ofString());
                JsonNode t = Json.MAPPER.readTree(table.body());
                assertThat(t.get("columnDefinitions").findValuesAsString("name")).contains("Verdict", "Drifted", "Last Evaluation", "Age");
                assertThat(t.get("rows").get(0).get("cells").toString()).contains("\"DRIFT\"", "1");

                GenericKubernetesResource current = admin.genericKubernetesResources(MM).inNamespace("ml").withName("churn").get();
                current.setAdditionalProperty("spec", spec("1hour"));
                assertThatThrownBy(() -> admin.genericKubernetesResources(MM).inNamespace("ml").resource(current).update())
                        .isInstanceOf(KubernetesClientException.class).hasMessageContaining("spec.window")
                        .as("the CRD's schema refuses the structure");

                Map<String, Object> badTest = new java.util.LinkedHashMap<>(spec("1h"));
                badTest.put("features", List.of(Map.of("name", "x", "type", "numeric", "tests", List.of("kolmogorov"))));
                admin.genericKubernetesResources(MM).inNamespace("ml").resource(monitor("bad", badTest)).create();
                Map<String, Object> acts = new java.util.LinkedHashMap<>(spec("1h"));
                acts.put("actions", Map.of("mode", "auto", "namespace", "payments",
                        "rollback", Map.of("strategy", "deployment-undo", "deployment", "churn", "on", List.of("ChurnShift"))));
                admin.genericKubernetesResources(MM).inNamespace("ml").resource(monitor("elsewhere", acts)).create();
                await().atMost(Duration.ofSeconds(20)).until(() -> "False".equals(condition(status(admin, "bad"), "Ready").get("status"))
                        && "False".equals(condition(status(admin, "elsewhere"), "Ready").get("status")));
                assertThat((String) condition(status(admin, "bad"), "Ready").get("message"))
                        .startsWith("spec.features[0].tests: ").contains("kolmogorov");
                assertThat((String) condition(status(admin, "elsewhere"), "Ready").get("message"))
                        .isEqualTo("spec.actions.namespace: a ModelMonitor acts only in its own namespace (ml), not payments");
                assertThat(d.configuration().main().model("ml.bad")).isEmpty();

                admin.genericKubernetesResources(MM).inNamespace("ml").withName("churn").delete();
                await().atMost(Duration.ofSeconds(20)).until(() -> d.configuration().main().model("ml.churn").isEmpty());
                assertThat(d.configuration().main().model("m")).isPresent();
            } finally {
                daemon.close();
            }
        }
    }

    private static javax.net.ssl.SSLContext trustAll() throws Exception {
        javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
        ctx.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        }}, null);
        return ctx;
    }
}
