package io.driftwatch.action;

import static io.driftwatch.action.ActionFixture.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.driftwatch.config.ActionConfig;
import io.driftwatch.store.Database;
import io.driftwatch.support.KubeApiServer;
import io.driftwatch.support.Kustomize;
import io.driftwatch.util.Json;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The rollbacks against a real kube-apiserver (RBAC, schema validation, status subresources,
 * resourceVersion preconditions), acting as Driftwatch's own ServiceAccount from {@code k8s/}, bound to
 * exactly the Roles that {@code kubectl kustomize k8s/} renders, with a token the API server issued: a
 * call the Roles do not allow fails the test. Every manifest of {@code k8s/} and {@code k8s/examples/}
 * whose kind the server knows passes a server-side dry run with strict field validation.
 */
class RealApiServerTest {
    private static KubeApiServer server;
    private static KubernetesClient admin;
    private static KubernetesClient driftwatch;

    @TempDir
    Path dir;
    private Database db;

    @BeforeAll
    static void cluster() throws Exception {
        server = KubeApiServer.start();
        admin = server.admin();
        driftwatch = server.asServiceAccountOf("k8s", "driftwatch", "driftwatch");
        crds = server.installCrds();
    }

    private static int crds;

    @AfterAll
    static void stop() {
        if (driftwatch != null) {
            driftwatch.close();
            admin.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void open() throws Exception {
        db = ActionFixture.db(dir);
        admin.apps().deployments().inNamespace(NS).delete();
        admin.apps().replicaSets().inNamespace(NS).delete();
        admin.services().inNamespace(NS).delete();
        await().atMost(Duration.ofSeconds(20)).until(() -> admin.apps().deployments().inNamespace(NS).list().getItems().isEmpty()
                && admin.apps().replicaSets().inNamespace(NS).list().getItems().isEmpty());
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** Runs the action as Driftwatch's ServiceAccount; the admin plays the Deployment controller. */
    private Decision run(ActionConfig c, String rollingOut) throws Exception {
        try (ActionExecutor e = ActionFixture.executor(driftwatch, db, Leader.alone(), Clock.systemUTC(), c)) {
            e.onFiring("credit-risk", "3", "ModelDrift", Map.of("statistic", 0.41, "threshold", 0.25), Duration.ofMinutes(5));
            if (rollingOut != null) {
                await().atMost(Duration.ofSeconds(20)).until(() -> new DecisionLog(db).list("credit-risk", 1).stream()
                        .anyMatch(d -> d.patch() != null && d.state() == Decision.State.RUNNING));
                ActionFixture.rolledOut(admin, rollingOut);
            }
            e.drain();
        }
        return new DecisionLog(db).list("credit-risk", 1).get(0);
    }

    @Test
    void deploymentUndoRestoresThePreviousRevisionAsTheServiceAccount() throws Exception {
        ActionFixture.deployment(admin, false);
        Decision d = run(ActionFixture.config(ActionConfig.Mode.AUTO, ActionFixture.undo(), null), "my-model");
        assertThat(d.state()).as(String.valueOf(d.error())).isEqualTo(Decision.State.SUCCEEDED);
        assertThat(admin.apps().deployments().inNamespace(NS).withName("my-model").get().getSpec().getTemplate().getSpec()
                .getContainers().get(0).getImage()).isEqualTo("registry/my-model:v2");
        assertThat(admin.v1().events().inNamespace(NS).list().getItems()).as("an Event on the object acted on")
                .anySatisfy(ev -> assertThat(ev.getInvolvedObject().getName()).isEqualTo("my-model"));
    }

    @Test
    void canaryAbortScalesTheCanaryToZeroAsTheServiceAccount() throws Exception {
        ActionFixture.deployment(admin, false);
        ActionConfig.Rollback r = new io.driftwatch.action.rollback.CanaryAbortKind.Config(List.of("ModelDrift"), "deployment",
                "my-model", null, null);
        Decision d = run(ActionFixture.config(ActionConfig.Mode.AUTO, r, null), null); // no pods: nothing to wait for
        assertThat(d.state()).as(String.valueOf(d.error())).isEqualTo(Decision.State.SUCCEEDED);
        assertThat(d.patch()).isEqualTo("{\"spec\":{\"replicas\":0}}");
        assertThat(admin.apps().deployments().inNamespace(NS).withName("my-model").get().getSpec().getReplicas()).isZero();
    }

    @Test
    void serviceSwitchSetsTheStableSelectorAsTheServiceAccount() throws Exception {
        admin.services().inNamespace(NS).resource(new ServiceBuilder().withNewMetadata().withName("my-model-service")
                .withNamespace(NS).endMetadata().withNewSpec().addToSelector("app", "my-model").addToSelector("version", "green")
                .addNewPort().withPort(80).endPort().endSpec().build()).create();
        ActionConfig.Rollback r = new io.driftwatch.action.rollback.ServiceSwitchKind.Config(List.of("ModelDrift"),
                "my-model-service", Map.of("version", "blue"));
        Decision d = run(ActionFixture.config(ActionConfig.Mode.AUTO, r, null), null);
        assertThat(d.state()).as(String.valueOf(d.error())).isEqualTo(Decision.State.SUCCEEDED);
        assertThat(admin.services().inNamespace(NS).withName("my-model-service").get().getSpec().getSelector())
                .containsEntry("version", "blue");
    }

    private static GenericKubernetesResource custom(String apiVersion, String kind, String name, Map<String, Object> spec) {
        GenericKubernetesResource r = new GenericKubernetesResource();
        r.setApiVersion(apiVersion);
        r.setKind(kind);
        r.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        r.setAdditionalProperty("spec", spec);
        return r;
    }

    /** Istio's canary pattern on the real Istio CRD: one host, subsets; stable to 100 through an update. */
    @SuppressWarnings("unchecked")
    @Test
    void canaryAbortOnAnIstioVirtualServiceWithSubsets() throws Exception {
        assertThat(crds).as("Argo Rollouts' and Istio's CRDs installed").isGreaterThan(5);
        admin.genericKubernetesResources(io.driftwatch.source.kubernetes.Crds.VIRTUAL_SERVICE).inNamespace(NS)
                .withName("reviews").delete();
        admin.genericKubernetesResources(io.driftwatch.source.kubernetes.Crds.VIRTUAL_SERVICE).inNamespace(NS).resource(
                custom("networking.istio.io/v1beta1", "VirtualService", "reviews", Map.of("hosts", List.of("reviews"), "http",
                        List.of(Map.of("route", List.of(Map.of("destination", Map.of("host", "reviews", "subset", "v1"), "weight", 75),
                                Map.of("destination", Map.of("host", "reviews", "subset", "v2"), "weight", 25)))))))
                .create();
        ActionConfig.Rollback r = new io.driftwatch.action.rollback.CanaryAbortKind.Config(List.of("ModelDrift"),
                "virtualservice", "reviews", "reviews", "v1");
        Decision d = run(ActionFixture.config(ActionConfig.Mode.AUTO, r, null), null);
        assertThat(d.state()).as(String.valueOf(d.error())).isEqualTo(Decision.State.SUCCEEDED);
        Map<String, Object> spec = (Map<String, Object>) admin.genericKubernetesResources(
                io.driftwatch.source.kubernetes.Crds.VIRTUAL_SERVICE).inNamespace(NS).withName("reviews").get()
                .getAdditionalProperties().get("spec");
        List<Map<String, Object>> routes = (List<Map<String, Object>>) ((List<Map<String, Object>>) spec.get("http")).get(0)
                .get("route");
        assertThat(routes).extracting(x -> ((Map<String, Object>) x.get("destination")).get("subset") + "=" + x.get("weight"))
                .containsExactly("v1=100", "v2=0");
        io.driftwatch.source.kubernetes.TrafficSplits.Split split = new io.driftwatch.source.kubernetes.TrafficSplits(driftwatch)
                .read(new io.driftwatch.config.GateConfig.SplitFrom("virtual_service", NS, "reviews", java.util.Optional.of("v1"),
                        java.util.Optional.of("v2")), "1", "2");
        assertThat(split.baseline()).as("the gate reads the split as the ServiceAccount").isEqualTo(100);
        assertThat(split.candidate()).isZero();
    }

    /**
     * A change between the plan and the write (someone re-weights the VirtualService): the real API
     * server's resourceVersion precondition refuses the stale write as a conflict, so it is never applied
     * over the other writer's change; planned again, it applies once.
     */
    @SuppressWarnings("unchecked")
    @Test
    void aConcurrentChangeBetweenPlanAndWriteIsAConflictNotALostUpdate() throws Exception {
        var vs = io.driftwatch.source.kubernetes.Crds.VIRTUAL_SERVICE;
        admin.genericKubernetesResources(vs).inNamespace(NS).withName("ratings").delete();
        List<Map<String, Object>> routes = List.of(
                Map.of("destination", Map.of("host", "ratings", "subset", "stable"), "weight", 90),
                Map.of("destination", Map.of("host", "ratings", "subset", "canary"), "weight", 10));
        Map<String, Object> spec = Map.of("hosts", List.of("ratings"), "http", List.of(Map.of("route", routes)));
        admin.genericKubernetesResources(vs).inNamespace(NS).resource(custom("networking.istio.io/v1beta1", "VirtualService",
                "ratings", spec)).create();
        Strategy abort = new io.driftwatch.action.rollback.CanaryAbort(NS, "virtualservice", "ratings", "ratings", "stable");
        ActionRequest req = new ActionRequest("credit-risk", "3", "ModelDrift", Duration.ofMinutes(5), 1);
        Change plan = abort.plan(driftwatch, req);
        GenericKubernetesResource now = admin.genericKubernetesResources(vs).inNamespace(NS).withName("ratings").get();
        now.getMetadata().setLabels(Map.of("touched-by", "someone-else"));
        admin.genericKubernetesResources(vs).inNamespace(NS).resource(now).update();
        assertThatThrownBy(() -> abort.apply(driftwatch, req, plan)).isInstanceOf(ActionException.class)
                .satisfies(e -> assertThat(((ActionException) e).conflict()).isTrue());
        GenericKubernetesResource after = admin.genericKubernetesResources(vs).inNamespace(NS).withName("ratings").get();
        assertThat(after.getMetadata().getLabels()).containsEntry("touched-by", "someone-else");
        assertThat(((List<Map<String, Object>>) ((List<Map<String, Object>>) ((Map<String, Object>) after
                .getAdditionalProperties().get("spec")).get("http")).get(0).get("route")).get(0).get("weight")).isEqualTo(90);
        abort.apply(driftwatch, req, abort.plan(driftwatch, req));
        GenericKubernetesResource done = admin.genericKubernetesResources(vs).inNamespace(NS).withName("ratings").get();
        assertThat(((List<Map<String, Object>>) ((List<Map<String, Object>>) ((Map<String, Object>) done
                .getAdditionalProperties().get("spec")).get("http")).get(0).get("route")).get(0).get("weight")).isEqualTo(100);
        assertThat(done.getMetadata().getLabels()).as("the other writer's change kept").containsEntry("touched-by", "someone-else");
    }

    /** An Argo Rollout on Argo's real CRD, aborted through its status subresource. */
    @SuppressWarnings("unchecked")
    @Test
    void canaryAbortAbortsAnArgoRolloutThroughItsStatusSubresource() throws Exception {
        admin.genericKubernetesResources(io.driftwatch.source.kubernetes.Crds.ROLLOUT).inNamespace(NS).withName("churn-test").delete();
        Map<String, Object> template = Map.of("metadata", Map.of("labels", Map.of("app", "churn-test")), "spec",
                Map.of("containers", List.of(Map.of("name", "model", "image", "registry/churn:v13"))));
        Map<String, Object> strategy = Map.of("canary", Map.of("steps", List.of(Map.of("setWeight", 10),
                Map.of("pause", Map.of()))));
        GenericKubernetesResource ro = custom("argoproj.io/v1alpha1", "Rollout", "churn-test", Map.of("replicas", 4, "selector",
                Map.of("matchLabels", Map.of("app", "churn-test")), "template", template, "strategy", strategy));
        admin.genericKubernetesResources(io.driftwatch.source.kubernetes.Crds.ROLLOUT).inNamespace(NS).resource(ro).create();
        GenericKubernetesResource created = admin.genericKubernetesResources(io.driftwatch.source.kubernetes.Crds.ROLLOUT)
                .inNamespace(NS).withName("churn-test").get();
        created.setAdditionalProperty("status", Map.of("phase", "Paused", "currentStepIndex", 1));
        admin.genericKubernetesResources(io.driftwatch.source.kubernetes.Crds.ROLLOUT).inNamespace(NS).resource(created)
                .updateStatus();
        io.driftwatch.source.kubernetes.TrafficSplits.Split split = new io.driftwatch.source.kubernetes.TrafficSplits(driftwatch)
                .read(new io.driftwatch.config.GateConfig.SplitFrom("rollout", NS, "churn-test", java.util.Optional.empty(),
                        java.util.Optional.empty()), "12", "13");
        assertThat(split.candidate() / (split.baseline() + split.candidate())).as("4 replicas at 10 %: 1 canary pod of 5")
                .isEqualTo(0.2);
        ActionConfig.Rollback r = new io.driftwatch.action.rollback.CanaryAbortKind.Config(List.of("ModelDrift"), "rollout",
                "churn-test", null, null);
        Decision d = run(ActionFixture.config(ActionConfig.Mode.AUTO, r, null), null);
        assertThat(d.state()).as(String.valueOf(d.error())).isEqualTo(Decision.State.SUCCEEDED);
        Map<String, Object> status = (Map<String, Object>) admin.genericKubernetesResources(
                io.driftwatch.source.kubernetes.Crds.ROLLOUT).inNamespace(NS).withName("churn-test").get().getAdditionalProperties()
                .get("status");
        assertThat(status).containsEntry("abort", true);
    }

    /** Two replicas elect one leader on the Lease of k8s/driftwatch.yaml, as the ServiceAccount; the other takes over. */
    @Test
    void twoReplicasElectOneLeaderOnTheLeaseAndTheOtherTakesOver() throws Exception {
        try (KubernetesClient second = server.serviceAccount("driftwatch", "driftwatch")) {
            LeaseLeader a = new LeaseLeader(driftwatch, "driftwatch", "driftwatch-leader", "replica-a");
            LeaseLeader b = null;
            try {
                await().atMost(Duration.ofSeconds(30)).until(a::isLeader);
                b = new LeaseLeader(second, "driftwatch", "driftwatch-leader", "replica-b");
                assertThat(admin.leases().inNamespace("driftwatch").withName("driftwatch-leader").get().getSpec()
                        .getHolderIdentity()).isEqualTo("replica-a");
                assertThat(b.isLeader()).isFalse();
                a.close(); // releases the Lease (releaseOnCancel)
                await().atMost(Duration.ofSeconds(40)).until(b::isLeader);
                assertThat(admin.leases().inNamespace("driftwatch").withName("driftwatch-leader").get().getSpec()
                        .getHolderIdentity()).isEqualTo("replica-b");
            } finally {
                a.close();
                if (b != null) {
                    b.close();
                }
            }
        }
    }

    /** Least privilege: what the Roles do not allow, the API server refuses. */
    @Test
    void callsTheRolesDoNotAllowAreForbidden() {
        ActionFixture.deployment(admin, false);
        assertThatThrownBy(() -> driftwatch.apps().deployments().inNamespace(NS).withName("my-model").delete())
                .isInstanceOf(KubernetesClientException.class).satisfies(e -> assertThat(((KubernetesClientException) e)
                        .getCode()).isEqualTo(403));
        assertThatThrownBy(() -> driftwatch.secrets().inNamespace(NS).list()).isInstanceOf(KubernetesClientException.class)
                .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(403));
        assertThatThrownBy(() -> driftwatch.apps().deployments().inNamespace("default").list())
                .isInstanceOf(KubernetesClientException.class);
        assertThat(driftwatch.apps().deployments().inNamespace(NS).withName("my-model").get()).isNotNull();
    }

    /**
     * Every manifest the repository ships, Flagger's Canary and the Prometheus Operator's kinds included
     * (their CRDs installed from the projects' Go modules): a strict server-side dry run, so a field the
     * API does not know fails the build.
     */
    @Test
    void everyShippedManifestPassesAStrictServerSideDryRun() throws Exception {
        java.util.Map<String, Integer> kinds = new java.util.TreeMap<>();
        for (String folder : List.of("k8s", "k8s/examples", "k8s/examples/postgres", "k8s/examples/gate", "k8s/monitoring",
                "k8s/examples/kubernetes-auth")) {
            for (JsonNode d : Kustomize.build(folder)) {
                HasMetadata obj = admin.getKubernetesSerialization().unmarshal(Json.write(d), GenericKubernetesResource.class);
                admin.resource(obj).dryRun().fieldValidation(io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation.STRICT)
                        .serverSideApply();
                kinds.merge(d.get("kind").asString(), 1, Integer::sum);
            }
        }
        assertThat(kinds).containsKeys("Deployment", "Rollout", "AnalysisTemplate", "Canary", "ServiceMonitor",
                "PrometheusRule", "NetworkPolicy", "CronJob");
    }

    /** A field a CRD's schema does not know is refused by the strict dry run (so the check above can fail). */
    @Test
    void aFieldTheSchemaDoesNotKnowFailsTheStrictDryRun() throws Exception {
        JsonNode canary = Kustomize.one(Kustomize.build("k8s/examples/gate"), "Canary", "churn");
        String bad = Json.write(canary).replace("\"analysis\":{", "\"analysis\":{\"thresholdd\":5,");
        HasMetadata obj = admin.getKubernetesSerialization().unmarshal(bad, GenericKubernetesResource.class);
        assertThatThrownBy(() -> admin.resource(obj).dryRun().fieldValidation(
                io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation.STRICT).serverSideApply())
                .isInstanceOf(KubernetesClientException.class).hasMessageContaining("thresholdd");
    }
}
