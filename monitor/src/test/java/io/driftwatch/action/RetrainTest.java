package io.driftwatch.action;

import io.driftwatch.source.kubernetes.Crds;
import static io.driftwatch.action.ActionFixture.NS;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.config.ActionConfig;
import io.driftwatch.store.Database;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retraining runs: a Job from a CronJob or a template, an Argo Workflow, a Tekton PipelineRun; one in flight. */
@EnableKubernetesMockClient(crud = true)
class RetrainTest {
    KubernetesClient client;

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

    private Decision fire(ActionConfig.Retrain r) throws Exception {
        ActionConfig c = new ActionConfig(ActionConfig.Mode.AUTO, NS, null, r, Duration.ZERO, 10, 3, Duration.ofHours(1),
                Duration.ofSeconds(5));
        try (ActionExecutor e = ActionFixture.executor(client, db, Leader.alone(), Clock.systemUTC(), c)) {
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

    @Test
    void aJobFromTheCronJobsTemplateWithTheParametersAndOnlyOneInFlight() throws Exception {
        var cj = client.batch().v1().cronjobs().inNamespace(NS).resource(new CronJobBuilder().withNewMetadata()
                .withName("my-model-retrain").withNamespace(NS).endMetadata().withNewSpec().withSchedule("0 3 * * 0")
                .withNewJobTemplate().withNewMetadata().addToLabels("team", "ml").endMetadata().withNewSpec()
                .withNewTemplate().withNewSpec().withRestartPolicy("Never").withContainers(new ContainerBuilder()
                        .withName("train").withImage("registry/trainer:1").build()).endSpec().endTemplate().endSpec()
                .endJobTemplate().endSpec().build()).create();
        ActionConfig.Retrain r = new io.driftwatch.action.retrain.NamedRun(io.driftwatch.action.retrain.CronJobRetrain.NAME, List.of("FeatureShift"), "my-model-retrain");
        Decision d = fire(r);
        assertThat(d.state()).as(String.valueOf(d.error())).isEqualTo(Decision.State.SUCCEEDED);
        Job job = client.batch().v1().jobs().inNamespace(NS).withName("my-model-retrain-dw-" + d.id()).get();
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

        Decision second = fire(r);
        assertThat(second.state()).isEqualTo(Decision.State.SKIPPED);
        assertThat(second.guard()).isEqualTo("in_flight");
        assertThat(second.error()).contains(job.getMetadata().getName());

        job.setStatus(new JobStatusBuilder().withSucceeded(1).withCompletionTime("2026-11-28T11:00:00Z").build());
        client.batch().v1().jobs().inNamespace(NS).resource(job).updateStatus();
        assertThat(fire(r).state()).as("the finished run no longer blocks").isEqualTo(Decision.State.SUCCEEDED);
        assertThat(client.batch().v1().jobs().inNamespace(NS).list().getItems()).hasSize(2);
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
        Job job = client.batch().v1().jobs().inNamespace(NS).withName("retrain-dw-" + d.id()).get();
        assertThat(env(job)).containsEntry("EPOCHS", "5").containsEntry("DRIFTWATCH_MODEL", "credit-risk");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anArgoWorkflowAndATektonPipelineRunCarryTheParameters() throws Exception {
        Decision wf = fire(new io.driftwatch.action.retrain.NamedRun(io.driftwatch.action.retrain.ArgoWorkflowRetrain.NAME, List.of("FeatureShift"), "train-template"));
        assertThat(wf.state()).as(String.valueOf(wf.error())).isEqualTo(Decision.State.SUCCEEDED);
        var workflow = client.genericKubernetesResources(Crds.WORKFLOW).inNamespace(NS)
                .withName("credit-risk-retrain-dw-" + wf.id()).get();
        Map<String, Object> spec = (Map<String, Object>) workflow.getAdditionalProperties().get("spec");
        assertThat(spec).containsEntry("workflowTemplateRef", Map.of("name", "train-template"));
        assertThat((List<Map<String, String>>) ((Map<String, Object>) spec.get("arguments")).get("parameters"))
                .contains(Map.of("name", "model", "value", "credit-risk"), Map.of("name", "window", "value", "30m"));
        assertThat(workflow.getMetadata().getLabels()).containsEntry("driftwatch.io/model", "credit-risk");

        Decision pr = fire(new io.driftwatch.action.retrain.NamedRun(io.driftwatch.action.retrain.TektonPipelineRetrain.NAME, List.of("FeatureShift"), "train"));
        assertThat(pr.state()).as(String.valueOf(pr.error())).isEqualTo(Decision.State.SUCCEEDED);
        var run = client.genericKubernetesResources(Crds.PIPELINE_RUN).inNamespace(NS)
                .withName("credit-risk-retrain-dw-" + pr.id()).get();
        Map<String, Object> prSpec = (Map<String, Object>) run.getAdditionalProperties().get("spec");
        assertThat(prSpec).containsEntry("pipelineRef", Map.of("name", "train"));
        assertThat((List<Map<String, String>>) prSpec.get("params"))
                .contains(Map.of("name", "decision_id", "value", Long.toString(pr.id())));
        assertThat(fire(new io.driftwatch.action.retrain.NamedRun(io.driftwatch.action.retrain.TektonPipelineRetrain.NAME, List.of("FeatureShift"), "train")).guard())
                .as("a PipelineRun without a finished condition is in flight").isEqualTo("in_flight");
    }
}
