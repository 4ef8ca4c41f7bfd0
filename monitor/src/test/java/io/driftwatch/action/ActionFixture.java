package io.driftwatch.action;

import io.driftwatch.config.ActionConfig;
import io.driftwatch.config.ModelConfig;
import io.driftwatch.config.ScheduleConfig;
import io.driftwatch.config.StoreConfig;
import io.driftwatch.metrics.Metrics;
import io.driftwatch.store.Database;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Objects in the mock API server, as a cluster would hold them, and an executor over them. */
public final class ActionFixture {
    static final String NS = "ml";

    private ActionFixture() {
    }

    private static final String[] CLIENT_PROPERTIES = {io.fabric8.kubernetes.client.Config.KUBERNETES_MASTER_SYSTEM_PROPERTY,
        io.fabric8.kubernetes.client.Config.KUBERNETES_TRUST_CERT_SYSTEM_PROPERTY,
        io.fabric8.kubernetes.client.Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY,
        io.fabric8.kubernetes.client.Config.KUBERNETES_AUTH_TRYSERVICEACCOUNT_SYSTEM_PROPERTY};

    /**
     * A daemon in this JVM whose model m acts in approve mode (rollback of Deployment my-model on XShift,
     * which fires at the first breach) against the mock server, with the mutating token {@code token}:
     * points the daemon's Kubernetes client at the mock server, creates the Deployment and writes the
     * configuration (model m of {@link io.driftwatch.support.Fixtures#config}).
     */
    public static java.nio.file.Path approveModeDaemon(KubernetesClient client, java.nio.file.Path dir, String token)
            throws java.io.IOException {
        pointClientsAt(client);
        deployment(client, false);
        java.nio.file.Path config = io.driftwatch.support.Fixtures.config(dir, "1h", "alerts.jsonl");
        io.driftwatch.support.Fixtures.write(dir.resolve("rules/drift.yaml"),
                java.nio.file.Files.readString(dir.resolve("rules/drift.yaml")).replace("for: 2", "for: 1"));
        io.driftwatch.support.Fixtures.write(dir.resolve("api-token"), token + "\n");
        java.nio.file.Files.writeString(config, java.nio.file.Files.readString(config).replace("  port: 0\n",
                "  port: 0\n  token_file: " + dir.resolve("api-token") + "\n") + """
                    actions:
                      mode: approve
                      namespace: ml
                      rollback: {strategy: deployment-undo, deployment: my-model, on: [XShift]}
                      verify_timeout: 30s
                """);
        return config;
    }

    /** Makes every Kubernetes client built in this JVM (the daemon's) talk to the mock server of {@code client}. */
    public static void pointClientsAt(KubernetesClient client) {
        String[] values = {client.getMasterUrl().toString(), "true", "false", "false"};
        for (int i = 0; i < CLIENT_PROPERTIES.length; i++) {
            System.setProperty(CLIENT_PROPERTIES[i], values[i]);
        }
    }

    /** Undoes {@link #pointClientsAt}. */
    public static void clearClientProperties() {
        for (String p : CLIENT_PROPERTIES) {
            System.clearProperty(p);
        }
    }

    static PodTemplateSpec template(String image, String hash) {
        var b = new PodTemplateSpecBuilder().withNewMetadata().addToLabels("app", "my-model");
        if (hash != null) {
            b = b.addToLabels("pod-template-hash", hash);
        }
        return b.endMetadata().withNewSpec().withContainers(new ContainerBuilder().withName("model").withImage(image)
                .build()).endSpec().build();
    }

    /** Deployment my-model at revision 3 (image :v3), with ReplicaSets for revisions 1 to 3. */
    public static Deployment deployment(KubernetesClient client, boolean paused) {
        Deployment d = client.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder()
                .withNewMetadata().withName("my-model").withNamespace(NS).withUid("uid-my-model").withGeneration(3L)
                .addToAnnotations("deployment.kubernetes.io/revision", "3").endMetadata()
                .withNewSpec().withReplicas(2).withPaused(paused).withNewSelector().addToMatchLabels("app", "my-model")
                .endSelector().withTemplate(template("registry/my-model:v3", null)).endSpec().build()).create();
        for (int rev = 1; rev <= 3; rev++) {
            client.apps().replicaSets().inNamespace(NS).resource(new ReplicaSetBuilder().withNewMetadata()
                    .withName("my-model-" + rev).withNamespace(NS).addToLabels("app", "my-model")
                    .addToLabels("pod-template-hash", "h" + rev)
                    .addToAnnotations("deployment.kubernetes.io/revision", Integer.toString(rev))
                    .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
                            .withName("my-model").withUid(d.getMetadata().getUid()).withController(true).build())
                    .endMetadata().withNewSpec().withReplicas(rev == 3 ? 2 : 0).withNewSelector()
                    .addToMatchLabels("app", "my-model").endSelector()
                    .withTemplate(template("registry/my-model:v" + rev, "h" + rev)).endSpec().build()).create();
        }
        return d;
    }

    /** Sets the Deployment's status as its controller would once the rollout is complete. */
    public static void rolledOut(KubernetesClient client, String name) {
        Deployment d = client.apps().deployments().inNamespace(NS).withName(name).get();
        int replicas = d.getSpec().getReplicas();
        d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                .withObservedGeneration(d.getMetadata().getGeneration()).withReplicas(replicas)
                .withUpdatedReplicas(replicas).withAvailableReplicas(replicas).withReadyReplicas(replicas).build());
        client.apps().deployments().inNamespace(NS).resource(d).updateStatus();
    }

    static ActionConfig config(ActionConfig.Mode mode, ActionConfig.Rollback rollback, ActionConfig.Retrain retrain) {
        return new ActionConfig(mode, NS, rollback, retrain, Duration.ZERO, 10, 3, Duration.ofHours(1),
                Duration.ofSeconds(20));
    }

    static ActionConfig.Rollback undo() {
        return new io.driftwatch.action.rollback.DeploymentUndoKind.Config(List.of("ModelDrift"), "my-model");
    }

    static ModelConfig model(ActionConfig actions) {
        return new ModelConfig("credit-risk", null, null, List.of(), Optional.empty(), Duration.ofMinutes(5),
                new ScheduleConfig(Duration.ofMinutes(1), null), Optional.empty(), Optional.empty(), Optional.of(actions),
                Optional.empty(), Optional.empty());
    }

    static Database db(Path dir) throws Exception {
        return Database.open(new StoreConfig("jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE", "sa", ""));
    }

    static ActionExecutor executor(KubernetesClient client, Database db, Leader leader, Clock clock, ActionConfig c) {
        ActionExecutor e = new ActionExecutor(client, new DecisionLog(db), leader, ActionAlerts.none(), new Metrics(),
                clock, List.of(model(c)));
        e.pollEvery(Duration.ofMillis(50));
        return e;
    }
}
