package io.driftwatch.action;

import io.driftwatch.source.kubernetes.Crds;
import static io.driftwatch.action.ActionFixture.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.config.ActionConfig;
import io.driftwatch.store.Database;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each rollback strategy's exact effect on the API objects, against fabric8's mock API server in CRUD
 * mode (no controllers: the test sets statuses as they would), and 409 conflicts.
 */
@EnableKubernetesMockClient(crud = true)
class RollbackTest {
    KubernetesClient client;
    KubernetesMockServer server;

    @TempDir
    Path dir;
    private Database db;

    @BeforeEach
    void open() throws Exception {
        db = ActionFixture.db(dir);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Decision run(ActionConfig c) throws Exception {
        try (ActionExecutor e = ActionFixture.executor(client, db, Leader.alone(), Clock.systemUTC(), c)) {
            e.onFiring("credit-risk", "3", "ModelDrift", Map.of("statistic", 0.41, "threshold", 0.25),
                    Duration.ofMinutes(5));
            e.drain();
        }
        return new DecisionLog(db).list("credit-risk", 1).get(0);
    }

    private Decision runRollingOut(ActionConfig c, String deployment) throws Exception {
        try (ActionExecutor e = ActionFixture.executor(client, db, Leader.alone(), Clock.systemUTC(), c)) {
            e.onFiring("credit-risk", "3", "ModelDrift", Map.of("statistic", 0.41, "threshold", 0.25),
                    Duration.ofMinutes(5));
            await().atMost(Duration.ofSeconds(10)).until(() -> new DecisionLog(db).list("credit-risk", 1).stream()
                    .anyMatch(d -> d.patch() != null && d.state() == Decision.State.RUNNING));
            ActionFixture.rolledOut(client, deployment);
            e.drain();
        }
        return new DecisionLog(db).list("credit-risk", 1).get(0);
    }

    private Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(NS).withName(name).get();
    }

    @Test
    void deploymentUndoRestoresThePreviousRevisionsTemplateWithoutItsHash() throws Exception {
        ActionFixture.deployment(client, false);
        Decision d = runRollingOut(ActionFixture.config(ActionConfig.Mode.AUTO, ActionFixture.undo(), null), "my-model");
        assertThat(d.state()).as(String.valueOf(d.error())).isEqualTo(Decision.State.SUCCEEDED);
        Deployment after = deployment("my-model");
        assertThat(after.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("registry/my-model:v2");
        assertThat(after.getSpec().getTemplate().getMetadata().getLabels()).doesNotContainKey("pod-template-hash")
                .containsEntry("app", "my-model");
        assertThat(d.revisionBefore()).isEqualTo("3");
        assertThat(d.revisionAfter()).isEqualTo("2");
        assertThat(d.patch()).contains("\"op\":\"replace\",\"path\":\"/spec/template\"").contains("registry/my-model:v2");
        assertThat(d.evidence()).containsEntry("threshold", 0.25).containsKey("config_hash");
        assertThat(client.v1().events().inNamespace(NS).list().getItems()).anySatisfy(ev -> {
            assertThat(ev.getReason()).isEqualTo("DriftwatchRollback");
            assertThat(ev.getInvolvedObject().getName()).isEqualTo("my-model");
            assertThat(ev.getInvolvedObject().getKind()).isEqualTo("Deployment");
        });
    }

    @Test
    void aPausedDeploymentIsRefusedAndAnEqualTemplateIsLeftAlone() throws Exception {
        ActionFixture.deployment(client, true);
        Decision paused = run(ActionFixture.config(ActionConfig.Mode.AUTO, ActionFixture.undo(), null));
        assertThat(paused.state()).isEqualTo(Decision.State.FAILED);
        assertThat(paused.error()).contains("paused");
        assertThat(deployment("my-model").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("registry/my-model:v3");

        Deployment d = deployment("my-model");
        d.getSpec().setPaused(false);
        d.getSpec().setTemplate(ActionFixture.template("registry/my-model:v2", null));
        client.apps().deployments().inNamespace(NS).resource(d).update();
        Decision same = run(ActionFixture.config(ActionConfig.Mode.AUTO, ActionFixture.undo(), null));
        assertThat(same.state()).isEqualTo(Decision.State.SKIPPED);
        assertThat(same.guard()).isEqualTo("noop");
        assertThat(same.error()).contains("already revision 2");
    }

    @Test
    void aConflictIsRetriedOnceReReadAndNeverAppliedTwice() throws Exception {
        ActionFixture.deployment(client, false);
        server.expect().put().withPath("/apis/apps/v1/namespaces/ml/deployments/my-model")
                .andReturn(409, Map.of("kind", "Status", "code", 409, "reason", "Conflict",
                        "message", "the object has been modified")).times(3);
        Decision d = run(ActionFixture.config(ActionConfig.Mode.AUTO, ActionFixture.undo(), null));
        assertThat(d.state()).isEqualTo(Decision.State.FAILED);
        assertThat(d.error()).contains("409");
        assertThat(deployment("my-model").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("registry/my-model:v3");
        assertThat(client.v1().events().inNamespace(NS).list().getItems())
                .anySatisfy(ev -> assertThat(ev.getReason()).isEqualTo("DriftwatchRollbackFailed"));
    }

    @Test
    void anApiErrorFailsTheDecisionWithoutChangingAnything() throws Exception {
        ActionFixture.deployment(client, false);
        server.expect().get().withPath("/apis/apps/v1/namespaces/ml/deployments/my-model")
                .andReturn(403, Map.of("kind", "Status", "code", 403, "reason", "Forbidden",
                        "message", "deployments.apps is forbidden")).once();
        Decision d = run(ActionFixture.config(ActionConfig.Mode.AUTO, ActionFixture.undo(), null));
        assertThat(d.state()).isEqualTo(Decision.State.FAILED);
        assertThat(d.error()).contains("HTTP 403");
        assertThat(deployment("my-model").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("registry/my-model:v3");
    }

    @Test
    void aTimedOutCallFailsTheDecisionWithoutChangingAnything() throws Exception {
        ActionFixture.deployment(client, false);
        server.expect().get().delay(3, java.util.concurrent.TimeUnit.SECONDS)
                .withPath("/apis/apps/v1/namespaces/ml/deployments/my-model")
                .andReturn(200, client.apps().deployments().inNamespace(NS).withName("my-model").get()).once();
        var config = new io.fabric8.kubernetes.client.ConfigBuilder(client.getConfiguration()).withRequestTimeout(500)
                .withRequestRetryBackoffLimit(0).build();
        try (KubernetesClient impatient = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(config)
                .build(); ActionExecutor e = ActionFixture.executor(impatient, db, Leader.alone(), Clock.systemUTC(),
                ActionFixture.config(ActionConfig.Mode.AUTO, ActionFixture.undo(), null))) {
            e.onFiring("credit-risk", "3", "ModelDrift", Map.of(), Duration.ofMinutes(5));
            e.drain();
        }
        Decision d = new DecisionLog(db).list("credit-risk", 1).get(0);
        assertThat(d.state()).isEqualTo(Decision.State.FAILED);
        assertThat(d.error()).contains("no answer from the API server"); // timed out: the cause varies with timing
        assertThat(deployment("my-model").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("registry/my-model:v3");
    }

    @Test
    void serviceSwitchPointsTheServiceBackAtTheStableVersion() throws Exception {
        client.services().inNamespace(NS).resource(new ServiceBuilder().withNewMetadata().withName("my-model-service")
                .withNamespace(NS).endMetadata().withNewSpec().addToSelector("app", "my-model")
                .addToSelector("version", "green").endSpec().build()).create();
        ActionConfig.Rollback r = new io.driftwatch.action.rollback.ServiceSwitchKind.Config(List.of("ModelDrift"), "my-model-service", Map.of("version", "blue"));
        Decision d = run(ActionFixture.config(ActionConfig.Mode.AUTO, r, null));
        assertThat(d.state()).isEqualTo(Decision.State.SUCCEEDED);
        assertThat(client.services().inNamespace(NS).withName("my-model-service").get().getSpec().getSelector())
                .containsExactlyInAnyOrderEntriesOf(Map.of("app", "my-model", "version", "blue"));
        assertThat(d.revisionBefore()).contains("\"version\":\"green\"");
        assertThat(d.revisionAfter()).contains("\"version\":\"blue\"");
    }

    @Test
    void canaryAbortScalesTheCanaryToZero() throws Exception {
        ActionFixture.deployment(client, false);
        ActionConfig.Rollback r = new io.driftwatch.action.rollback.CanaryAbortKind.Config(List.of("ModelDrift"), "deployment", "my-model", null, null);
        Decision d = runRollingOut(ActionFixture.config(ActionConfig.Mode.AUTO, r, null), "my-model");
        assertThat(d.state()).as(String.valueOf(d.error())).isEqualTo(Decision.State.SUCCEEDED);
        assertThat(deployment("my-model").getSpec().getReplicas()).isZero();
        assertThat(d.patch()).isEqualTo("{\"spec\":{\"replicas\":0}}");
    }

    @Test
    @SuppressWarnings("unchecked")
    void canaryAbortSendsAllTrafficToTheStableHost() throws Exception {
        GenericKubernetesResource vs = new GenericKubernetesResourceBuilder().withApiVersion("networking.istio.io/v1beta1")
                .withKind("VirtualService").withNewMetadata().withName("my-model").withNamespace(NS).endMetadata()
                .addToAdditionalProperties("spec", Map.of("hosts", List.of("my-model"), "http", List.of(Map.of("route",
                        List.of(Map.of("destination", Map.of("host", "my-model-stable"), "weight", 90),
                                Map.of("destination", Map.of("host", "my-model-canary"), "weight", 10))))))
                .build();
        client.genericKubernetesResources(Crds.VIRTUAL_SERVICE).inNamespace(NS).resource(vs)
                .create();
        ActionConfig.Rollback r = new io.driftwatch.action.rollback.CanaryAbortKind.Config(List.of("ModelDrift"), "virtualservice", "my-model", "my-model-stable", null);
        Decision d = run(ActionFixture.config(ActionConfig.Mode.AUTO, r, null));
        assertThat(d.state()).as(String.valueOf(d.error())).isEqualTo(Decision.State.SUCCEEDED);
        Map<String, Object> spec = (Map<String, Object>) client.genericKubernetesResources(Crds.VIRTUAL_SERVICE).inNamespace(NS).withName("my-model").get().getAdditionalProperties().get("spec");
        List<Map<String, Object>> routes = (List<Map<String, Object>>) ((List<Map<String, Object>>) spec.get("http"))
                .get(0).get("route");
        assertThat(routes).extracting(x -> ((Map<String, Object>) x.get("destination")).get("host") + "=" + x.get("weight"))
                .containsExactly("my-model-stable=100", "my-model-canary=0");
    }

    @Test
    @SuppressWarnings("unchecked")
    void canaryAbortAbortsAnArgoRolloutThroughItsStatus() throws Exception {
        client.genericKubernetesResources(Crds.ROLLOUT).inNamespace(NS).resource(
                new GenericKubernetesResourceBuilder().withApiVersion("argoproj.io/v1alpha1").withKind("Rollout")
                        .withNewMetadata().withName("my-model").withNamespace(NS).endMetadata()
                        .addToAdditionalProperties("spec", Map.of("replicas", 3))
                        .addToAdditionalProperties("status", Map.of("phase", "Progressing")).build()).create();
        ActionConfig.Rollback r = new io.driftwatch.action.rollback.CanaryAbortKind.Config(List.of("ModelDrift"), "rollout", "my-model", null, null);
        Decision d = run(ActionFixture.config(ActionConfig.Mode.AUTO, r, null));
        assertThat(d.state()).as(String.valueOf(d.error())).isEqualTo(Decision.State.SUCCEEDED);
        assertThat(d.patch()).isEqualTo("{\"status\":{\"abort\":true}}");
        var status = (Map<String, Object>) client.genericKubernetesResources(Crds.ROLLOUT)
                .inNamespace(NS).withName("my-model").get().getAdditionalProperties().get("status");
        assertThat(status).containsEntry("abort", true);
        var last = server.getLastRequest();
        assertThat(last).isNotNull();
    }

    private static Map<String, Object> dest(String host, String subset, int weight) {
        Map<String, Object> d = new java.util.LinkedHashMap<>(Map.of("host", host));
        if (subset != null) {
            d.put("subset", subset);
        }
        return Map.of("destination", d, "weight", weight);
    }

    @SuppressWarnings("unchecked")
    private List<String> weightsAfter(List<Map<String, Object>> http, String host, String subset) throws Exception {
        client.genericKubernetesResources(Crds.VIRTUAL_SERVICE).inNamespace(NS).resource(new GenericKubernetesResourceBuilder()
                .withApiVersion("networking.istio.io/v1beta1").withKind("VirtualService").withNewMetadata().withName("vs")
                .withNamespace(NS).endMetadata().addToAdditionalProperties("spec", Map.of("hosts", List.of("reviews"),
                        "http", http)).build()).create();
        ActionConfig.Rollback r = new io.driftwatch.action.rollback.CanaryAbortKind.Config(List.of("ModelDrift"),
                "virtualservice", "vs", host, subset);
        Decision d = run(ActionFixture.config(ActionConfig.Mode.AUTO, r, null));
        Map<String, Object> spec = (Map<String, Object>) client.genericKubernetesResources(Crds.VIRTUAL_SERVICE).inNamespace(NS)
                .withName("vs").get().getAdditionalProperties().get("spec");
        List<String> out = new java.util.ArrayList<>(List.of(d.state().toString()));
        for (Map<String, Object> h : (List<Map<String, Object>>) spec.get("http")) {
            for (Map<String, Object> x : (List<Map<String, Object>>) h.getOrDefault("route", List.of())) {
                Map<String, Object> dd = (Map<String, Object>) x.get("destination");
                out.add(dd.get("host") + (dd.containsKey("subset") ? "/" + dd.get("subset") : "") + "=" + x.get("weight"));
            }
            if (h.containsKey("redirect")) {
                out.add("redirect " + h.get("redirect"));
            }
        }
        return out;
    }

    /** Istio's documented canary pattern: one host, subsets v1 (stable) and v2 of a DestinationRule. */
    @Test
    void canaryAbortOnIstiosHostAndSubsetPatternSetsOnlyTheStableSubsetTo100() throws Exception {
        List<Map<String, Object>> http = List.of(
                Map.of("match", List.of(Map.of("uri", Map.of("prefix", "/old"))), "redirect", Map.of("uri", "/new")),
                Map.of("route", List.of(dest("reviews", "v1", 75), dest("reviews", "v2", 25))),
                Map.of("route", List.of(dest("ratings", null, 100))));
        assertThat(weightsAfter(http, "reviews", "v1")).containsExactly("SUCCEEDED", "redirect {uri=/new}",
                "reviews/v1=100", "reviews/v2=0", "ratings=100");
    }

    @Test
    void aSubsetAloneNamesTheStableDestination() throws Exception {
        assertThat(weightsAfter(List.of(Map.of("route", List.of(dest("reviews", "stable", 50), dest("reviews", "canary", 50)))),
                null, "stable")).containsExactly("SUCCEEDED", "reviews/stable=100", "reviews/canary=0");
    }

    /** One host with two subsets and no stable_subset is ambiguous: refused, and nothing is written. */
    @Test
    void aHostWithTwoSubsetsAndNoStableSubsetIsRefusedNotSetTo200() throws Exception {
        List<String> after = weightsAfter(List.of(Map.of("route", List.of(dest("reviews", "stable", 90),
                dest("reviews", "canary", 10)))), "reviews", null);
        assertThat(after).containsExactly("FAILED", "reviews/stable=90", "reviews/canary=10");
        assertThat(new DecisionLog(db).list("credit-risk", 1).get(0).error()).contains("http[0]", "set stable_subset");
    }
}
