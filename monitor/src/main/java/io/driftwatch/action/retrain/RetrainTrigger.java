package io.driftwatch.action.retrain;

import io.driftwatch.action.ActionException;
import io.driftwatch.action.ActionRequest;
import io.driftwatch.action.Change;
import io.driftwatch.source.kubernetes.Crds;
import io.driftwatch.action.Strategy;
import io.driftwatch.config.Durations;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts a retraining run with the model, version, window and decision id as parameters. Each kind
 * ({@link CronJobRetrain}, {@link JobTemplateRetrain}, {@link ArgoWorkflowRetrain},
 * {@link TektonPipelineRetrain}) says what it creates and how it finds a run in flight; this base builds
 * Jobs and custom resources the same way for all. Every run is labelled {@code driftwatch.io/model} and
 * {@code driftwatch.io/action=retrain}, which is how a run still in flight is found: at most one per model.
 */
public abstract class RetrainTrigger implements Strategy {
    public static final String MODEL_LABEL = "driftwatch.io/model";
    public static final String ACTION_LABEL = "driftwatch.io/action";
    static final String ARGO = "argoproj.io/v1alpha1";
    static final String TEKTON = "tekton.dev/v1";

    protected final String namespace;
    private final String kind;

    protected RetrainTrigger(String namespace, String kind) {
        this.namespace = namespace;
        this.kind = kind;
    }

    @Override
    public String name() {
        return kind;
    }

    /** Where runs are created; Jobs unless the kind says otherwise. */
    @Override
    public String target() {
        return "batch/v1/Job " + namespace;
    }

    /** The name of this model's retraining run still in flight, if any: a Job unless the kind says otherwise. */
    public Optional<String> inFlight(KubernetesClient client, String model) throws ActionException {
        return jobInFlight(client, model);
    }

    /** The run to create for a request (not yet created). */
    protected abstract HasMetadata run(KubernetesClient client, ActionRequest r) throws ActionException;

    /** The labels that mark a model's retraining runs. */
    protected static Map<String, String> runLabels(String model) {
        return Map.of(MODEL_LABEL, model, ACTION_LABEL, "retrain");
    }

    /** A retraining Job of this model still running (no completion, not failed for good). */
    protected Optional<String> jobInFlight(KubernetesClient client, String model) throws ActionException {
        try {
            return client.batch().v1().jobs().inNamespace(namespace).withLabels(runLabels(model)).list().getItems()
                    .stream().filter(j -> j.getStatus() == null || (j.getStatus().getCompletionTime() == null
                            && (j.getStatus().getFailed() == null || j.getStatus().getFailed() == 0
                            || j.getStatus().getActive() != null && j.getStatus().getActive() > 0)))
                    .map(j -> j.getMetadata().getName()).findFirst();
        } catch (KubernetesClientException e) {
            throw ActionException.of("listing retraining runs", e);
        }
    }

    /** A custom resource run of this model still running, as {@code running} judges its status. */
    protected Optional<String> resourceInFlight(KubernetesClient client, String model,
                                                io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext crd,
                                                java.util.function.Predicate<Map<?, ?>> running) throws ActionException {
        try {
            List<GenericKubernetesResource> items = client.genericKubernetesResources(crd).inNamespace(namespace)
                    .withLabels(runLabels(model)).list().getItems();
            return items.stream().filter(r -> {
                Object status = r.getAdditionalProperties().get("status");
                return !(status instanceof Map<?, ?> m) || running.test(m);
            }).map(r -> r.getMetadata().getName()).findFirst();
        } catch (KubernetesClientException e) {
            throw ActionException.of("listing retraining runs", e);
        }
    }

    @Override
    public Change plan(KubernetesClient client, ActionRequest request) throws ActionException {
        HasMetadata run = run(client, request);
        return new Change(target() + "/" + run.getMetadata().getName(), Serialization.asJson(run), null,
                run.getMetadata().getName(), null);
    }

    @Override
    public Change apply(KubernetesClient client, ActionRequest request, Change plan) throws ActionException {
        try {
            HasMetadata run = run(client, request);
            if (run instanceof Job job) {
                client.batch().v1().jobs().inNamespace(namespace).resource(job).create();
            } else {
                GenericKubernetesResource g = (GenericKubernetesResource) run;
                client.genericKubernetesResources(Crds.of(g.getKind())).inNamespace(namespace).resource(g)
                        .create();
            }
            return plan;
        } catch (KubernetesClientException e) {
            throw ActionException.of("creating the retraining run", e);
        }
    }

    /** A Job named {@code name} with the run labels, the decision annotation and the parameters as env. */
    protected Job job(String name, ActionRequest r, JobSpec spec, ObjectMeta templateMeta) {
        Job job = new Job();
        job.setApiVersion("batch/v1");
        job.setKind("Job");
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        meta.setNamespace(namespace);
        Map<String, String> labels = new LinkedHashMap<>(templateMeta == null || templateMeta.getLabels() == null
                ? Map.of() : templateMeta.getLabels());
        labels.putAll(labels(r));
        meta.setLabels(labels);
        Map<String, String> annotations = new LinkedHashMap<>(templateMeta == null || templateMeta.getAnnotations() == null
                ? Map.of() : templateMeta.getAnnotations());
        annotations.put("driftwatch.io/decision", Long.toString(r.decisionId()));
        meta.setAnnotations(annotations);
        job.setMetadata(meta);
        List<EnvVar> env = params(r).stream().map(p -> new EnvVar("DRIFTWATCH_" + p.get("name").toUpperCase(
                java.util.Locale.ROOT), p.get("value"), null)).toList();
        spec.getTemplate().getSpec().getContainers().forEach(c -> {
            List<EnvVar> all = new java.util.ArrayList<>(c.getEnv() == null ? List.of() : c.getEnv());
            all.addAll(env);
            c.setEnv(all);
        });
        job.setSpec(spec);
        return job;
    }

    /** A custom resource run with the run labels and the decision annotation. */
    protected GenericKubernetesResource generic(String apiVersion, String kind, String name, ActionRequest r,
                                              Map<String, Object> spec) {
        GenericKubernetesResource g = new GenericKubernetesResource();
        g.setApiVersion(apiVersion);
        g.setKind(kind);
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        meta.setNamespace(namespace);
        meta.setLabels(labels(r));
        meta.setAnnotations(Map.of("driftwatch.io/decision", Long.toString(r.decisionId())));
        g.setMetadata(meta);
        g.setAdditionalProperty("spec", spec);
        return g;
    }

    private static Map<String, String> labels(ActionRequest r) {
        return runLabels(r.model());
    }

    /** The run's parameters: model, model_version, window, decision_id. */
    protected static List<Map<String, String>> params(ActionRequest r) {
        return List.of(Map.of("name", "model", "value", r.model()),
                Map.of("name", "model_version", "value", r.version() == null ? "" : r.version()),
                Map.of("name", "window", "value", Durations.format(r.window())),
                Map.of("name", "decision_id", "value", Long.toString(r.decisionId())));
    }
}
