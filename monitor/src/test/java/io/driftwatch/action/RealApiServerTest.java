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
import java.util.Set;
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
        List<JsonNode> docs = Kustomize.build("k8s");
        for (JsonNode d : docs) {
            if (Set.of("Namespace", "ServiceAccount", "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding")
                    .contains(d.get("kind").asString())) {
                admin.resource(Json.write(d)).serverSideApply();
            }
        }
        driftwatch = server.serviceAccount("driftwatch", "driftwatch");
    }

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

    /** Every manifest the repository ships whose kind this server knows: a strict server-side dry run. */
    @Test
    void everyShippedManifestPassesAStrictServerSideDryRun() throws Exception {
        Set<String> known = Set.of("Namespace", "ServiceAccount", "Role", "RoleBinding", "ConfigMap", "Deployment", "Service",
                "NetworkPolicy", "PodDisruptionBudget", "CronJob", "Secret", "StatefulSet", "Job");
        int checked = 0;
        for (String folder : List.of("k8s", "k8s/examples", "k8s/examples/postgres")) {
            for (JsonNode d : Kustomize.build(folder)) {
                if (!known.contains(d.get("kind").asString())) {
                    continue; // custom resources: their CRDs are not installed on this server
                }
                HasMetadata obj = admin.getKubernetesSerialization().unmarshal(Json.write(d), GenericKubernetesResource.class);
                admin.resource(obj).dryRun().fieldValidation(io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation.STRICT)
                        .serverSideApply();
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(15);
    }
}
