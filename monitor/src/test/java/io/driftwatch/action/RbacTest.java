package io.driftwatch.action;

import io.driftwatch.source.kubernetes.Crds;
import static io.driftwatch.action.ActionFixture.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.config.ActionConfig;
import io.driftwatch.store.Database;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Runs every strategy (and leader election) against the mock API server, turns each request it made into
 * (namespace, API group, resource, verb), and compares that set with the Roles in {@code k8s/}: every call
 * is allowed, and every permission is used.
 */
@EnableKubernetesMockClient(crud = true)
class RbacTest {
    private static final Path REPO = Path.of(System.getProperty("driftwatch.repo"));
    private static final Pattern PATH = Pattern.compile(
            "/(?:api/v1|apis/([^/]+)/[^/]+)/namespaces/([^/]+)/([^/?]+)(?:/([^/?]+))?(?:/([^/?]+))?");

    KubernetesClient client;
    KubernetesMockServer server;

    @TempDir
    Path dir;

    @Test
    void theRolesAllowExactlyTheCallsTheActionCodeMakes() throws Exception {
        seed();
        try (Database db = ActionFixture.db(dir)) {
            ActionConfig.Rollback undo = ActionFixture.undo();
            run(db, undo, null, true);
            run(db, new io.driftwatch.action.rollback.ServiceSwitchKind.Config(List.of("ModelDrift"), "svc", Map.of("version", "blue")), null, false);
            run(db, new io.driftwatch.action.rollback.CanaryAbortKind.Config(List.of("ModelDrift"), "deployment", "canary", null, null), null, true);
            run(db, new io.driftwatch.action.rollback.CanaryAbortKind.Config(List.of("ModelDrift"), "virtualservice", "vs", "stable", null), null, false);
            run(db, new io.driftwatch.action.rollback.CanaryAbortKind.Config(List.of("ModelDrift"), "rollout", "ro", null, null), null, false);
            Path template = Files.writeString(dir.resolve("job.yaml"), "apiVersion: batch/v1\nkind: Job\nmetadata: "
                    + "{name: t}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: "
                    + "[{name: t, image: t}]\n");
            for (ActionConfig.Retrain r : List.of(
                    new io.driftwatch.action.retrain.NamedRun(io.driftwatch.action.retrain.CronJobRetrain.NAME, List.of("ModelDrift"), "cj"),
                    new io.driftwatch.action.retrain.JobTemplateRetrain.Config(List.of("ModelDrift"), template),
                    new io.driftwatch.action.retrain.NamedRun(io.driftwatch.action.retrain.ArgoWorkflowRetrain.NAME, List.of("ModelDrift"), "wt"),
                    new io.driftwatch.action.retrain.NamedRun(io.driftwatch.action.retrain.TektonPipelineRetrain.NAME, List.of("ModelDrift"), "p"))) {
                run(db, null, r, false);
            }
        }
        new io.driftwatch.source.kubernetes.PodHealth(client).read(NS, "my-model");
        try (LeaseLeader leader = new LeaseLeader(client, "driftwatch", "driftwatch-leader", "a")) {
            await().atMost(Duration.ofSeconds(20)).until(leader::isLeader);
        }
        Set<String> used = used();
        Set<String> allowed = new TreeSet<>(allowed("k8s/rbac-models.yaml"));
        allowed.addAll(allowed("k8s/rbac.yaml"));
        assertThat(used).as("calls the code made").isNotEmpty().isSubsetOf(allowed);
        assertThat(allowed).as("permissions the Roles grant").isSubsetOf(used);
    }

    private void run(Database db, ActionConfig.Rollback rollback, ActionConfig.Retrain retrain, boolean rollsOut)
            throws Exception {
        ActionConfig c = new ActionConfig(ActionConfig.Mode.AUTO, NS, rollback, retrain, Duration.ZERO, 100, 100,
                Duration.ofHours(1), Duration.ofSeconds(rollsOut ? 10 : 1));
        try (ActionExecutor e = ActionFixture.executor(client, db, Leader.alone(), Clock.systemUTC(), c)) {
            e.onFiring("credit-risk", "3", "ModelDrift", Map.of(), Duration.ofMinutes(5));
            if (rollsOut) {
                boolean undo = rollback instanceof io.driftwatch.action.rollback.DeploymentUndoKind.Config;
                String name = undo ? ((io.driftwatch.action.rollback.DeploymentUndoKind.Config) rollback).deployment()
                        : ((io.driftwatch.action.rollback.CanaryAbortKind.Config) rollback).canaryName();
                await().atMost(Duration.ofSeconds(10)).until(() -> new io.driftwatch.action.DecisionLog(db)
                        .list("credit-risk", 1).get(0).patch() != null);
                var d = client.apps().deployments().inNamespace(NS).withName(name).get();
                d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder().withReplicas(0)
                        .withObservedGeneration(d.getMetadata().getGeneration()).build());
                if (undo) {
                    ActionFixture.rolledOut(client, name);
                } else {
                    client.apps().deployments().inNamespace(NS).resource(d).updateStatus();
                }
            }
            e.drain();
        }
    }

    private void seed() {
        ActionFixture.deployment(client, false);
        client.apps().deployments().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder()
                .withNewMetadata().withName("canary").withNamespace(NS).endMetadata().withNewSpec().withReplicas(1)
                .withNewSelector().addToMatchLabels("app", "c").endSelector()
                .withTemplate(ActionFixture.template("c:1", null)).endSpec().build()).create();
        client.services().inNamespace(NS).resource(new ServiceBuilder().withNewMetadata().withName("svc").endMetadata()
                .withNewSpec().addToSelector("version", "green").endSpec().build()).create();
        client.genericKubernetesResources(Crds.VIRTUAL_SERVICE).inNamespace(NS).resource(new GenericKubernetesResourceBuilder()
                .withApiVersion("networking.istio.io/v1beta1").withKind("VirtualService").withNewMetadata().withName("vs")
                .endMetadata().addToAdditionalProperties("spec", Map.of("http", List.of(Map.of("route", List.of(
                        Map.of("destination", Map.of("host", "stable"), "weight", 50),
                        Map.of("destination", Map.of("host", "canary"), "weight", 50)))))).build()).create();
        client.genericKubernetesResources(Crds.ROLLOUT).inNamespace(NS).resource(new GenericKubernetesResourceBuilder()
                .withApiVersion("argoproj.io/v1alpha1").withKind("Rollout").withNewMetadata().withName("ro").endMetadata()
                .addToAdditionalProperties("status", Map.of("phase", "Progressing")).build()).create();
        client.batch().v1().cronjobs().inNamespace(NS).resource(new CronJobBuilder().withNewMetadata().withName("cj")
                .endMetadata().withNewSpec().withSchedule("@weekly").withNewJobTemplate().withNewSpec().withNewTemplate()
                .withNewSpec().withRestartPolicy("Never").withContainers(new ContainerBuilder().withName("t")
                        .withImage("t").build()).endSpec().endTemplate().endSpec().endJobTemplate().endSpec().build())
                .create();
        drainRequests();
    }

    /** Forgets the requests the test itself made so far (seeding). */
    private void drainRequests() {
        try {
            while (server.takeRequest(10, TimeUnit.MILLISECONDS) != null) {
                // discard
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Set<String> used() throws InterruptedException {
        Set<String> out = new TreeSet<>();
        for (RecordedRequest r = server.takeRequest(10, TimeUnit.MILLISECONDS); r != null;
             r = server.takeRequest(10, TimeUnit.MILLISECONDS)) {
            String path = r.getPath();
            Matcher m = PATH.matcher(path);
            if (!m.lookingAt() || path.contains("/deployments/") && path.contains("/status")) {
                continue; // deployments/status: this test playing the Deployment controller
            }
            boolean named = m.group(4) != null;
            String resource = m.group(3) + (m.group(5) == null ? "" : "/" + m.group(5));
            String verb = switch (r.getMethod()) {
                case "GET" -> named ? "get" : "list";
                case "POST" -> "create";
                case "PUT" -> "update";
                case "PATCH" -> "patch";
                default -> r.getMethod().toLowerCase(java.util.Locale.ROOT);
            };
            out.add(m.group(2) + " " + (m.group(1) == null ? "" : m.group(1)) + " " + resource + " " + verb);
        }
        return out;
    }

    private static Set<String> allowed(String file) throws Exception {
        Set<String> out = new TreeSet<>();
        for (String doc : Files.readString(REPO.resolve(file)).split("(?m)^---$")) {
            JsonNode n = new YAMLMapper().readTree(doc);
            if (n == null || !"Role".equals(n.path("kind").asString(""))) {
                continue;
            }
            String ns = n.get("metadata").get("namespace").asString();
            for (JsonNode rule : n.get("rules")) {
                for (JsonNode g : rule.get("apiGroups")) {
                    for (JsonNode res : rule.get("resources")) {
                        for (JsonNode v : rule.get("verbs")) {
                            out.add(ns + " " + g.asString() + " " + res.asString() + " " + v.asString());
                        }
                    }
                }
            }
        }
        return out;
    }
}
