package io.driftwatch.repo;

import static org.assertj.core.api.Assertions.assertThat;
import java.nio.charset.StandardCharsets;
import io.driftwatch.support.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** {@code kubectl kustomize k8s/} builds, and what it builds is what a careful operator expects. */
class KustomizeTest {
    private static final Path REPO = Path.of(System.getProperty("driftwatch.repo"));

    static List<JsonNode> build(String dir) throws Exception {
        return io.driftwatch.support.Kustomize.build(dir);
    }

    static JsonNode one(List<JsonNode> docs, String kind, String name) {
        return io.driftwatch.support.Kustomize.one(docs, kind, name);
    }

    @Test
    void theDaemonsManifestsBuildAndAreLockedDown() throws Exception {
        List<JsonNode> docs = build("k8s");
        assertThat(docs).extracting(d -> d.get("kind").asString()).contains("Namespace", "ServiceAccount", "Role",
                "RoleBinding", "ConfigMap", "Deployment", "Service", "NetworkPolicy", "PodDisruptionBudget");
        assertLockedDown(docs, "driftwatch");
        JsonNode config = one(docs, "ConfigMap", "driftwatch-config").get("data");
        assertThat(Fixtures.withoutModeline(config.get("rules.yaml").asString()))
                .isEqualTo(Fixtures.withoutModeline(Files.readString(REPO.resolve("rules/drift.yaml"))));
        assertThat(Fixtures.withoutModeline(config.get("routing.yaml").asString()))
                .isEqualTo(Fixtures.withoutModeline(Files.readString(REPO.resolve("alerts/routing.yaml"))));
        assertThat(one(docs, "ConfigMap", "driftwatch-templates").get("data").has("email.html")).isTrue();
        assertThat(one(docs, "Role", "driftwatch-actions").get("metadata").get("namespace").asString()).isEqualTo("ml");
        JsonNode binding = one(docs, "RoleBinding", "driftwatch-actions").get("subjects").get(0);
        assertThat(binding.get("name").asString() + "/" + binding.get("namespace").asString())
                .isEqualTo("driftwatch/driftwatch");
    }

    /**
     * What every rendering of the daemon must be (the kustomize build and the Helm chart's, whatever its
     * values): its ServiceAccount, non-root, a read-only root, no privilege escalation, memory requested and
     * limited, the three probes on /healthz and /readyz, and a PodDisruptionBudget over its pods.
     */
    static void assertLockedDown(List<JsonNode> docs, String serviceAccount) {
        JsonNode pod = one(docs, "Deployment", "driftwatch").get("spec").get("template").get("spec");
        assertThat(pod.get("serviceAccountName").asString()).isEqualTo(serviceAccount);
        assertThat(pod.get("securityContext").get("runAsNonRoot").asBoolean()).isTrue();
        JsonNode c = pod.get("containers").get(0);
        assertThat(c.get("securityContext").get("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(c.get("securityContext").get("allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(c.get("resources").get("requests").has("memory")).isTrue();
        assertThat(c.get("resources").get("limits").has("memory")).isTrue();
        assertThat(c.get("startupProbe").get("httpGet").get("path").asString()).isEqualTo("/healthz");
        assertThat(c.get("livenessProbe").get("httpGet").get("path").asString()).isEqualTo("/healthz");
        assertThat(c.get("readinessProbe").get("httpGet").get("path").asString()).isEqualTo("/readyz");
        assertThat(one(docs, "PodDisruptionBudget", "driftwatch").get("spec").get("selector").get("matchLabels")
                .get("app.kubernetes.io/name").asString()).isEqualTo("driftwatch");
        assertThat(one(docs, "ServiceAccount", serviceAccount)).isNotNull();
    }

    @Test
    void theDaemonRunsAsAClusterOfTwoOnPostgres() throws Exception {
        List<JsonNode> docs = build("k8s");
        JsonNode spec = one(docs, "Deployment", "driftwatch").get("spec");
        assertThat(spec.get("replicas").asInt()).isEqualTo(2);
        JsonNode pod = spec.get("template").get("spec");
        assertThat(pod.get("topologySpreadConstraints").get(0).get("topologyKey").asString())
                .isEqualTo("kubernetes.io/hostname");
        assertThat(one(docs, "PodDisruptionBudget", "driftwatch").get("spec").get("minAvailable").asInt()).isEqualTo(1);
        JsonNode env = pod.get("containers").get(0).get("env");
        List<String> fromStoreSecret = new ArrayList<>();
        env.forEach(e -> {
            if (e.has("valueFrom") && e.get("valueFrom").has("secretKeyRef")
                    && e.get("valueFrom").get("secretKeyRef").get("name").asString().equals("driftwatch-store")) {
                fromStoreSecret.add(e.get("name").asString());
            }
        });
        assertThat(fromStoreSecret).containsExactlyInAnyOrder("DRIFTWATCH_STORE_URL", "DRIFTWATCH_STORE_PASSWORD");
        String config = one(docs, "ConfigMap", "driftwatch-config").get("data").get("driftwatch.yaml").asString();
        assertThat(config).contains("url_env: DRIFTWATCH_STORE_URL", "password_env: DRIFTWATCH_STORE_PASSWORD");
        List<JsonNode> pg = build("k8s/examples/postgres");
        assertThat(pg).extracting(d -> d.get("kind").asString() + " " + d.get("metadata").get("name").asString())
                .containsExactlyInAnyOrder("Secret driftwatch-store", "Service driftwatch-postgres",
                        "StatefulSet driftwatch-postgres");
        assertThat(pg).allSatisfy(d -> assertThat(d.get("metadata").get("namespace").asString()).isEqualTo("driftwatch"));
    }

    @Test
    void theExampleModelsBuild() throws Exception {
        List<JsonNode> docs = build("k8s/examples");
        assertThat(docs).extracting(d -> d.get("kind").asString() + " " + d.get("metadata").get("name").asString())
                .contains("Deployment my-model-blue", "Deployment my-model-green", "Service my-model-service",
                        "Deployment churn-stable", "Deployment churn-canary", "CronJob credit-risk-retrain");
        assertThat(docs).allSatisfy(d -> assertThat(d.get("metadata").get("namespace").asString()).isEqualTo("ml"));
    }

    @Test
    void theGateExamplesWireArgoAndFlaggerToTheGate() throws Exception {
        List<JsonNode> docs = build("k8s/examples/gate");
        JsonNode metric = one(docs, "AnalysisTemplate", "driftwatch-gate").get("spec").get("metrics").get(0);
        assertThat(metric.get("successCondition").asString()).isEqualTo("result.verdict == \"pass\"");
        assertThat(metric.get("failureCondition").asString()).isEqualTo("result.verdict == \"fail\"");
        assertThat(metric.get("provider").get("web").get("url").asString())
                .startsWith("http://driftwatch.driftwatch.svc:8080/api/v1/gate/{{args.model}}?baseline=");
        JsonNode steps = one(docs, "Rollout", "churn").get("spec").get("strategy").get("canary").get("steps");
        assertThat(steps.toString()).contains("\"templateName\":\"driftwatch-gate\"");
        JsonNode hooks = one(docs, "Canary", "churn").get("spec").get("analysis").get("webhooks");
        assertThat(hooks).extracting(h -> h.get("type").asString()).containsExactly("rollout", "confirm-promotion");
        assertThat(hooks).extracting(h -> h.get("url").asString()).as("each hook names its type: Flagger sends the same body")
                .allSatisfy(u -> assertThat(u).startsWith("http://driftwatch.driftwatch.svc:8080/api/v1/gate/churn/flagger/"))
                .extracting(u -> u.substring(u.lastIndexOf('/') + 1)).containsExactly("rollout", "confirm-promotion");
        String comment = java.nio.file.Files.readString(REPO.resolve("k8s/examples/gate/flagger-canary.yaml"));
        String target = one(docs, "Canary", "churn").get("spec").get("targetRef").get("name").asString();
        assertThat(comment).as("Flagger's VirtualService names: <target>, <target>-primary, <target>-canary")
                .contains("name: " + target + ", baseline: " + target + "-primary, candidate: " + target + "-canary");
    }
}
