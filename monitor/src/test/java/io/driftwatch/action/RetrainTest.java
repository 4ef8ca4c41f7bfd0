package io.driftwatch.action;

import static io.driftwatch.action.ActionFixture.NS;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.action.retrain.ArgoWorkflowRetrain;
import io.driftwatch.action.retrain.CronJobRetrain;
import io.driftwatch.action.retrain.NamedRun;
import io.driftwatch.action.retrain.TektonPipelineRetrain;
import io.driftwatch.config.ActionConfig;
import io.driftwatch.source.kubernetes.Crds;
import io.driftwatch.store.Database;
import io.driftwatch.support.KubeApiServer;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retraining runs against a real kube-apiserver, as Driftwatch's ServiceAccount with exactly the Roles of
 * {@code k8s/}: a Job from a CronJob or a template, an Argo Workflow from a WorkflowTemplate and a Tekton
 * PipelineRun of a Pipeline, each validated by the projects' own CRD schemas; one run in flight per model
 * (the test writes the statuses the controllers would); an Event on every run created.
 */
class RetrainTest {
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
        server.installCrds();
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
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Decision fire(ActionConfig.Retrain r) throws Exception {
        ActionConfig c = new ActionConfig(ActionConfig.Mode.AUTO, NS, null, r, Duration.ZERO, 10, 3, Duration.ofHours(1),
                Duration.ofSeconds(5));
        try (ActionExecutor e = ActionFixture.executor(driftwatch, db, Leader.alone(), Clock.systemUTC(), c)) {
            e.onFiring("credit-risk", "7", "FeatureShift", Map.of("statistic", 0.3), Duration.ofMinutes(30));
            e.drain();
        }
        return new DecisionLog(db).list("credit-risk", 1).get(0);
    }

    private static Map<String, String> env(Job job) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (EnvVar v : job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
            out.put(v.getName(), v.getValue());
        }
        return out;
    }

    /** The Event Driftwatch recorded on the run it created, as {@code kubectl describe} finds it. */
    private static Event eventOn(String kind, String name) {
        return admin.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> kind.equals(e.getInvolvedObject().getKind()) && name.equals(e.getInvolvedObject().getName()))
                .findFirst().orElseThrow(() -> new AssertionError("no Event on " + kind + " " + name));
    }

    /** Marks a Job finished as the Job controller does (the conditions the API server requires for it). */
    private static void finish(Job job) {
        String now = Instant.now().toString();
        job.setStatus(new JobStatusBuilder().withStartTime(now).withSucceeded(1).withCompletionTime(now).withConditions(
                new JobConditionBuilder().withType("SuccessCriteriaMet").withStatus("True").withLastTransitionTime(now).build(),
                new JobConditionBuilder().withType("Complete").withStatus("True").withLastTransitionTime(now).build()).build());
        admin.batch().v1().jobs().inNamespace(NS).resource(job).updateStatus();
    }

    @Test
    void aJobFromTheCronJobsTemplateWithTheParametersAndOnlyOneInFlight() throws Exception {
        var cj = admin.batch().v1().cronjobs().inNamespace(NS).resource(new CronJobBuilder().withNewMetadata()
                .withName("my-model-retrain").withNamespace(NS).endMetadata().withNewSpec().withSchedule("0 3 * * 0")
                .withNewJobTemplate().withNewMetadata().addToLabels("team", "ml").endMetadata().withNewSpec()
                .withNewTemplate().withNewSpec().withRestartPolicy("Never").withContainers(new ContainerBuilder()
                        .withName("train").withImage("registry/trainer:1").build()).endSpec().endTemplate().endSpec()
                .endJobTemplate().endSpec().build()).create();
        ActionConfig.Retrain r = new NamedRun(CronJobRetrain.NAME, List.of("FeatureShift"), "my-model-retrain");
        Decision d = fire(r);
        assertThat(d.state()).as(String.valueOf(d.error())).isEqualTo(Decision.State.SUCCEEDED);
        Job job = admin.batch().v1().jobs().inNamespace(NS).withName("my-model-retrain-dw-" + d.id()).get();
        assertThat(job).isNotNull();
        assertThat(job.getMetadata().getLabels()).containsEntry("team", "ml").containsEntry("driftwatch.io/model",
                "credit-risk").containsEntry("driftwatch.io/action", "retrain");
        assertThat(job.getMetadata().getAnnotations()).containsEntry("cronjob.kubernetes.io/instantiate", "manual")
                .containsEntry("driftwatch.io/decision", Long.toString(d.id()));
        assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getKind()).isEqualTo("CronJob");
            assertThat(o.getUid()).isEqualTo(cj.getMetadata().getUid());
        });
        assertThat(env(job)).containsExactlyInAnyOrderEntriesOf(Map.of("DRIFTWATCH_MODEL", "credit-risk",
                "DRIFTWATCH_MODEL_VERSION", "7", "DRIFTWATCH_WINDOW", "30m", "DRIFTWATCH_DECISION_ID",
                Long.toString(d.id())));
        assertThat(eventOn("Job", job.getMetadata().getName()).getReason()).isEqualTo("DriftwatchRetrain");

        Decision second = fire(r);
        assertThat(second.state()).isEqualTo(Decision.State.SKIPPED);
        assertThat(second.guard()).isEqualTo("in_flight");
        assertThat(second.error()).contains(job.getMetadata().getName());

        finish(job);
        assertThat(fire(r).state()).as("the finished run no longer blocks").isEqualTo(Decision.State.SUCCEEDED);
        assertThat(admin.batch().v1().jobs().inNamespace(NS).withLabel("driftwatch.io/model", "credit-risk").list()
                .getItems()).hasSize(2);
        admin.batch().v1().jobs().inNamespace(NS).withLabel("driftwatch.io/model", "credit-risk").delete();
    }

    @Test
    void aJobFromATemplateFile() throws Exception {
        Path template = Files.writeString(dir.resolve("retrain-job.yaml"), """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: retrain
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                        - name: train
                          image: registry/trainer:2
                          env:
                            - {name: EPOCHS, value: "5"}
                """);
        Decision d = fire(new io.driftwatch.action.retrain.JobTemplateRetrain.Config(List.of("FeatureShift"), template));
        assertThat(d.state()).as(String.valueOf(d.error())).isEqualTo(Decision.State.SUCCEEDED);
        Job job = admin.batch().v1().jobs().inNamespace(NS).withName("retrain-dw-" + d.id()).get();
        assertThat(env(job)).containsEntry("EPOCHS", "5").containsEntry("DRIFTWATCH_MODEL", "credit-risk");
        finish(job);
        admin.batch().v1().jobs().inNamespace(NS).withLabel("driftwatch.io/model", "credit-risk").delete();
    }

    private static GenericKubernetesResource custom(String apiVersion, String kind, String name, Map<String, Object> spec) {
        GenericKubernetesResource r = new GenericKubernetesResource();
        r.setApiVersion(apiVersion);
        r.setKind(kind);
        r.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        r.setAdditionalProperty("spec", spec);
        return r;
    }

    private static GenericKubernetesResource get(ResourceDefinitionContext crd, String name) {
        return admin.genericKubernetesResources(crd).inNamespace(NS).withName(name).get();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anArgoWorkflowFromItsTemplateOnArgosSchemaOneInFlight() throws Exception {
        admin.genericKubernetesResources("argoproj.io/v1alpha1", "WorkflowTemplate").inNamespace(NS).resource(custom(
                "argoproj.io/v1alpha1", "WorkflowTemplate", "train-template", Map.of("entrypoint", "train", "arguments",
                        Map.of("parameters", List.of(Map.of("name", "model"), Map.of("name", "model_version"),
                                Map.of("name", "window"), Map.of("name", "decision_id"))),
                        "templates", List.of(Map.of("name", "train", "container", Map.of("image", "registry/trainer:3"))))))
                .serverSideApply();
        NamedRun r = new NamedRun(ArgoWorkflowRetrain.NAME, List.of("FeatureShift"), "train-template");
        Decision wf = fire(r);
        assertThat(wf.state()).as(String.valueOf(wf.error())).isEqualTo(Decision.State.SUCCEEDED);
        String name = "credit-risk-retrain-dw-" + wf.id();
        GenericKubernetesResource workflow = get(Crds.WORKFLOW, name);
        Map<String, Object> spec = (Map<String, Object>) workflow.getAdditionalProperties().get("spec");
        assertThat(spec).containsEntry("workflowTemplateRef", Map.of("name", "train-template"));
        assertThat((List<Map<String, String>>) ((Map<String, Object>) spec.get("arguments")).get("parameters"))
                .contains(Map.of("name", "model", "value", "credit-risk"), Map.of("name", "window", "value", "30m"));
        assertThat(workflow.getMetadata().getLabels()).containsEntry("driftwatch.io/model", "credit-risk");
        assertThat(eventOn("Workflow", name).getInvolvedObject().getApiVersion()).isEqualTo("argoproj.io/v1alpha1");

        workflow.setAdditionalProperty("status", Map.of("phase", "Running"));
        admin.genericKubernetesResources(Crds.WORKFLOW).inNamespace(NS).resource(workflow).update();
        assertThat(fire(r).guard()).as("a Running workflow is in flight").isEqualTo("in_flight");
        GenericKubernetesResource running = get(Crds.WORKFLOW, name);
        running.setAdditionalProperty("status", Map.of("phase", "Succeeded"));
        admin.genericKubernetesResources(Crds.WORKFLOW).inNamespace(NS).resource(running).update();
        assertThat(fire(r).state()).as("the finished workflow no longer blocks").isEqualTo(Decision.State.SUCCEEDED);
        admin.genericKubernetesResources(Crds.WORKFLOW).inNamespace(NS).withLabel("driftwatch.io/model", "credit-risk")
                .delete();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTektonPipelineRunOfItsPipelineOnTektonsSchemaOneInFlight() throws Exception {
        admin.genericKubernetesResources("tekton.dev/v1", "Pipeline").inNamespace(NS).resource(custom("tekton.dev/v1",
                "Pipeline", "train", Map.of("params", List.of(Map.of("name", "model", "type", "string"),
                        Map.of("name", "model_version", "type", "string"), Map.of("name", "window", "type", "string"),
                        Map.of("name", "decision_id", "type", "string")),
                        "tasks", List.of(Map.of("name", "train", "taskRef", Map.of("name", "trainer"))))))
                .serverSideApply();
        NamedRun r = new NamedRun(TektonPipelineRetrain.NAME, List.of("FeatureShift"), "train");
        Decision pr = fire(r);
        assertThat(pr.state()).as(String.valueOf(pr.error())).isEqualTo(Decision.State.SUCCEEDED);
        String name = "credit-risk-retrain-dw-" + pr.id();
        GenericKubernetesResource run = get(Crds.PIPELINE_RUN, name);
        Map<String, Object> prSpec = (Map<String, Object>) run.getAdditionalProperties().get("spec");
        assertThat(prSpec).containsEntry("pipelineRef", Map.of("name", "train"));
        assertThat((List<Map<String, String>>) prSpec.get("params"))
                .contains(Map.of("name", "decision_id", "value", Long.toString(pr.id())));
        assertThat(eventOn("PipelineRun", name).getInvolvedObject().getApiVersion()).isEqualTo("tekton.dev/v1");

        assertThat(fire(r).guard()).as("a PipelineRun without a finished condition is in flight").isEqualTo("in_flight");
        run.setAdditionalProperty("status", Map.of("conditions", List.of(Map.of("type", "Succeeded", "status", "True",
                "reason", "Succeeded", "lastTransitionTime", Instant.now().toString()))));
        admin.genericKubernetesResources(Crds.PIPELINE_RUN).inNamespace(NS).resource(run).updateStatus();
        assertThat(fire(r).state()).as("the finished run no longer blocks").isEqualTo(Decision.State.SUCCEEDED);
        admin.genericKubernetesResources(Crds.PIPELINE_RUN).inNamespace(NS).withLabel("driftwatch.io/model", "credit-risk")
                .delete();
    }

    /** A template that does not exist: the run is not created, the decision fails saying why, a Warning Event. */
    @Test
    void aMissingCronJobFailsTheDecisionWithAWarningEvent() throws Exception {
        Decision d = fire(new NamedRun(CronJobRetrain.NAME, List.of("FeatureShift"), "no-such-cronjob"));
        assertThat(d.state()).isEqualTo(Decision.State.FAILED);
        assertThat(d.error()).contains("cronjob ml/no-such-cronjob does not exist");
        assertThat(admin.v1().events().inNamespace(NS).list().getItems()).anySatisfy(e -> {
            assertThat(e.getType()).isEqualTo("Warning");
            assertThat(e.getMessage()).contains("no-such-cronjob");
        });
    }
}
