package io.driftwatch.repo;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.support.Helm;
import io.driftwatch.support.Kustomize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * charts/driftwatch, checked with Helm itself: it lints, renders with its defaults exactly what {@code kubectl
 * kustomize k8s/} (and k8s/monitoring/) builds, so the two cannot drift apart; rendered with every value set
 * (ci/full-values.yaml) it is as locked down, with each value where it belongs; values.schema.json refuses bad
 * values; the chart's version follows the application's.
 */
class HelmChartTest {
    private static final Path REPO = Kustomize.REPO;
    private static final Pattern HASHED = Pattern.compile("^(driftwatch-(?:config|templates))-[a-z0-9]{10}$");

    @Test
    void theChartLintsWithItsDefaultsAndWithEveryValueSet() throws Exception {
        for (List<String> args : List.<List<String>>of(List.of(), List.of("-f", Helm.CHART.resolve("ci/full-values.yaml").toString()))) {
            List<String> cmd = new java.util.ArrayList<>(List.of("lint", "--strict", Helm.CHART.toString()));
            cmd.addAll(args);
            Helm.Result r = Helm.run(cmd.toArray(String[]::new));
            assertThat(r.status()).as(r.out()).isZero();
            assertThat(r.out()).contains("1 chart(s) linted, 0 chart(s) failed");
        }
    }

    @Test
    void withItsDefaultsTheChartRendersWhatTheKustomizeBuildDoes() throws Exception {
        Map<String, JsonNode> chart = canonical(Helm.template("--include-crds"));
        Map<String, JsonNode> kustomize = canonical(Kustomize.build("k8s"));
        kustomize.keySet().removeIf(k -> k.startsWith("Namespace/")); // helm install --create-namespace; models' namespaces exist
        assertThat(chart.keySet()).isEqualTo(kustomize.keySet());
        chart.forEach((k, v) -> assertThat(v).as(k).isEqualTo(kustomize.get(k)));
        Map<String, JsonNode> monitoring = canonical(Helm.template("--set", "monitoring.serviceMonitor.enabled=true",
                "--set", "monitoring.prometheusRule.enabled=true"));
        canonical(Kustomize.build("k8s/monitoring")).forEach((k, v) -> assertThat(monitoring.get(k)).as(k).isEqualTo(v));
    }

    @Test
    void withEveryValueSetItIsAsLockedDownAndEachValueIsWhereItBelongs() throws Exception {
        List<JsonNode> docs = Helm.template("-f", Helm.CHART.resolve("ci/full-values.yaml").toString());
        KustomizeTest.assertLockedDown(docs, "dw");
        JsonNode deployment = Kustomize.one(docs, "Deployment", "driftwatch");
        assertThat(deployment.get("spec").get("replicas").asInt()).isEqualTo(3);
        JsonNode c = deployment.get("spec").get("template").get("spec").get("containers").get(0);
        assertThat(c.get("image").asString()).isEqualTo("registry.example.com/ml/driftwatch:0.1.0");
        assertThat(c.get("env").toString()).contains("\"name\":\"dw-store\",\"key\":\"jdbc-url\"", "\"key\":\"token\"");
        assertThat(c.get("volumeMounts").toString()).doesNotContain("/var/log/models");
        JsonNode modelRole = Kustomize.one(Kustomize.build("k8s"), "Role", "driftwatch-actions");
        assertThat(docs.stream().filter(d -> d.get("kind").asString().equals("Role")
                && d.get("metadata").get("name").asString().equals("driftwatch-actions")))
                .extracting(d -> d.get("metadata").get("namespace").asString()).containsExactly("ml", "fraud");
        assertThat(docs.stream().filter(d -> d.get("kind").asString().equals("Role")
                && d.get("metadata").get("name").asString().equals("driftwatch-actions")))
                .as("least privilege: the same rules as k8s/rbac-models.yaml").allSatisfy(r ->
                        assertThat(r.get("rules")).isEqualTo(modelRole.get("rules")));
        assertThat(Kustomize.one(docs, "RoleBinding", "driftwatch-actions").get("subjects").get(0).get("name").asString())
                .isEqualTo("dw");
        assertThat(Kustomize.one(docs, "NetworkPolicy", "driftwatch").toString())
                .contains("[\"monitoring\",\"driftwatch\",\"argo-rollouts\"]");
        assertThat(Kustomize.one(docs, "PodDisruptionBudget", "driftwatch").get("spec").get("minAvailable").asInt()).isEqualTo(2);
        for (String kind : List.of("ServiceMonitor", "PrometheusRule")) {
            assertThat(Kustomize.one(docs, kind, "driftwatch").get("metadata").get("labels").get("release").asString())
                    .isEqualTo("prometheus");
        }
        assertThat(Kustomize.one(docs, "ConfigMap", "driftwatch-config").get("data").get("routing.yaml").asString())
                .startsWith("route: {receiver: log}");
        List<JsonNode> auth = Kustomize.build("k8s/examples/kubernetes-auth");
        assertThat(Kustomize.one(docs, "ClusterRoleBinding", "driftwatch-auth-delegator").get("roleRef"))
                .isEqualTo(Kustomize.one(auth, "ClusterRoleBinding", "driftwatch-auth-delegator").get("roleRef"));
        assertThat(Kustomize.one(docs, "ClusterRoleBinding", "driftwatch-auth-delegator").get("subjects").get(0)
                .get("name").asString()).isEqualTo("dw");
        for (String role : List.of("driftwatch-modelmonitor-viewer", "driftwatch-modelmonitor-editor")) {
            assertThat(Kustomize.one(docs, "ClusterRole", role).get("rules")).as(role + " as in k8s/examples/kubernetes-auth")
                    .isEqualTo(Kustomize.one(auth, "ClusterRole", role).get("rules"));
        }
    }

    @Test
    void theValuesSchemaRefusesBadValuesSayingWhere() throws Exception {
        Helm.Result r = Helm.run("template", "driftwatch", Helm.CHART.toString(), "--set", "replicas=0", "--set",
                "rbac.modelNamespaces={ML_Models}", "--set", "imag.tag=1");
        assertThat(r.status()).isNotZero();
        assertThat(r.out()).contains("/replicas", "minimum", "/rbac/modelNamespaces/0", "imag");
    }

    @Test
    void theChartFollowsTheApplicationAndItsFilesAreTheRepositorysOwn() throws Exception {
        String pom = Files.readString(REPO.resolve("pom.xml"));
        Matcher m = Pattern.compile("<version>([0-9.]+)(?:-SNAPSHOT)?</version>").matcher(pom);
        assertThat(m.find()).isTrue();
        String chart = Files.readString(Helm.CHART.resolve("Chart.yaml"));
        assertThat(chart).contains("version: " + m.group(1), "appVersion: \"" + m.group(1) + "\"");
        Map<String, String> copies = Map.of("files/driftwatch.yaml", "k8s/driftwatch.yaml", "files/rules.yaml",
                "k8s/config/drift-rules.yaml", "files/routing.yaml", "k8s/config/routing.yaml", "files/prometheus-rules.yaml",
                "k8s/tests/driftwatch-rules.yaml", "crds/modelmonitor.yaml", "k8s/crds/modelmonitor.yaml");
        for (var e : copies.entrySet()) {
            assertThat(Files.readString(Helm.CHART.resolve(e.getKey()))).as(e.getKey() + " is " + e.getValue())
                    .isEqualTo(Files.readString(REPO.resolve(e.getValue())));
        }
        try (var templates = Files.list(REPO.resolve("k8s/config/templates"))) {
            for (Path t : templates.toList()) {
                assertThat(Helm.CHART.resolve("files/templates/" + t.getFileName())).hasSameTextualContentAs(t);
            }
        }
    }

    /** Objects by kind/namespace/name without what only Helm adds (its labels, the config checksum) or kustomize's name hashes. */
    static Map<String, JsonNode> canonical(List<JsonNode> docs) {
        Map<String, JsonNode> out = new TreeMap<>();
        for (JsonNode d : docs) {
            ObjectNode o = (ObjectNode) d.deepCopy();
            ObjectNode meta = (ObjectNode) o.get("metadata");
            meta.put("name", unhash(meta.get("name").asString()));
            if (o.get("kind").asString().equals("CustomResourceDefinition")) {
                meta.remove("labels"); // Helm installs crds/ as they are; kustomize labels everything
            }
            if (meta.get("labels") instanceof ObjectNode labels) {
                labels.remove(List.of("app.kubernetes.io/instance", "app.kubernetes.io/managed-by", "app.kubernetes.io/version",
                        "helm.sh/chart"));
            }
            if (o.path("spec").path("template").path("metadata").get("annotations") instanceof ObjectNode a) {
                a.remove("checksum/config");
            }
            o.path("spec").path("template").path("spec").path("volumes").forEach(v -> {
                if (v.get("configMap") instanceof ObjectNode cm) {
                    cm.put("name", unhash(cm.get("name").asString()));
                }
            });
            out.put(o.get("kind").asString() + "/" + meta.path("namespace").asString("") + "/" + meta.get("name").asString(), o);
        }
        return out;
    }

    private static String unhash(String name) {
        Matcher m = HASHED.matcher(name);
        return m.matches() ? m.group(1) : name;
    }
}
