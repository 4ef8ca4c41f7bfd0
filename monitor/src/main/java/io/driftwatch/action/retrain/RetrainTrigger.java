package io.driftwatch.action.retrain;

import io.driftwatch.action.ActionException;
import io.driftwatch.action.ActionRequest;
import io.driftwatch.action.Change;
import io.driftwatch.action.Crds;
import io.driftwatch.action.Strategy;
import io.driftwatch.config.ActionConfig;
import io.driftwatch.config.Durations;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts a retraining run with the model, version, window and decision id as parameters: a Job from a
 * CronJob's jobTemplate (as {@code kubectl create job --from=cronjob/...}), a Job from a template file, an
 * Argo Workflow from a WorkflowTemplate, or a Tekton PipelineRun of a Pipeline. Every run is labelled
 * {@code driftwatch.io/model} and {@code driftwatch.io/action=retrain}, which is how a run still in flight
 * is found: there is at most one per model.
 */
public final class RetrainTrigger implements Strategy {
    public static final String MODEL_LABEL = "driftwatch.io/model";
    public static final String ACTION_LABEL = "driftwatch.io/action";
    static final String ARGO = "argoproj.io/v1alpha1";
    static final String TEKTON = "tekton.dev/v1";

    private final String namespace;
    private final ActionConfig.Retrain config;

    public RetrainTrigger(String namespace, ActionConfig.Retrain config) {
        this.namespace = namespace;
        this.config = config;
    }

    @Override
    public String name() {
        return config.kind();
    }

    @Override
    public String target() {
        return switch (config.kind()) {
            case "argo-workflow" -> ARGO + "/Workflow " + namespace;
            case "tekton-pipeline" -> TEKTON + "/PipelineRun " + namespace;
            default -> "batch/v1/Job " + namespace;
        };
    }

    /** The name of this model's retraining run still in flight, if any. */
    public Optional<String> inFlight(KubernetesClient client, String model) throws ActionException {
        Map<String, String> labels = Map.of(MODEL_LABEL, model, ACTION_LABEL, "retrain");
        try {
            return switch (config.kind()) {
                case "argo-workflow" -> running(client.genericKubernetesResources(Crds.WORKFLOW).inNamespace(namespace)
                        .withLabels(labels).list().getItems(), RetrainTrigger::workflowRunning);
                case "tekton-pipeline" -> running(client.genericKubernetesResources(Crds.PIPELINE_RUN)
                        .inNamespace(namespace).withLabels(labels).list().getItems(), RetrainTrigger::pipelineRunning);
                default -> client.batch().v1().jobs().inNamespace(namespace).withLabels(labels).list().getItems().stream()
                        .filter(j -> j.getStatus() == null || (j.getStatus().getCompletionTime() == null
                                && (j.getStatus().getFailed() == null || j.getStatus().getFailed() == 0
                                || j.getStatus().getActive() != null && j.getStatus().getActive() > 0)))
                        .map(j -> j.getMetadata().getName()).findFirst();
            };
        } catch (KubernetesClientException e) {
            throw ActionException.of("listing retraining runs", e);
        }
    }

    private static Optional<String> running(List<GenericKubernetesResource> items,
                                            java.util.function.Predicate<Map<?, ?>> running) {
        return items.stream().filter(r -> {
            Object status = r.getAdditionalProperties().get("status");
            return !(status instanceof Map<?, ?> m) || running.test(m);
        }).map(r -> r.getMetadata().getName()).findFirst();
    }

    private static boolean workflowRunning(Map<?, ?> status) {
        Object phase = status.get("phase");
        return phase == null || "Pending".equals(phase) || "Running".equals(phase);
    }

    private static boolean pipelineRunning(Map<?, ?> status) {
        Object conditions = status.get("conditions");
        if (!(conditions instanceof List<?> list)) {
            return true;
        }
        return list.stream().anyMatch(c -> c instanceof Map<?, ?> m && "Succeeded".equals(m.get("type"))
                && "Unknown".equals(m.get("status")));
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

    private HasMetadata run(KubernetesClient client, ActionRequest r) throws ActionException {
        String name = (config.kind().equals("cronjob") || config.kind().equals("job-template")
                ? jobBase() : r.model() + "-retrain") + "-dw-" + r.decisionId();
        return switch (config.kind()) {
            case "argo-workflow" -> generic(ARGO, "Workflow", name, r, Map.of("workflowTemplateRef",
                    Map.of("name", config.name()), "arguments", Map.of("parameters", params(r))));
            case "tekton-pipeline" -> generic(TEKTON, "PipelineRun", name, r, Map.of("pipelineRef",
                    Map.of("name", config.name()), "params", params(r)));
            case "job-template" -> job(name, r, template().getSpec(), null);
            default -> fromCronJob(client, name, r);
        };
    }

    private String jobBase() {
        return config.kind().equals("cronjob") ? config.name() : "retrain";
    }

    private Job fromCronJob(KubernetesClient client, String name, ActionRequest r) throws ActionException {
        CronJob cj;
        try {
            cj = client.batch().v1().cronjobs().inNamespace(namespace).withName(config.name()).get();
        } catch (KubernetesClientException e) {
            throw ActionException.of("reading cronjob " + config.name(), e);
        }
        if (cj == null) {
            throw new ActionException("cronjob " + namespace + "/" + config.name() + " does not exist", false, null);
        }
        Job job = job(name, r, Serialization.clone(cj.getSpec().getJobTemplate().getSpec()), cj.getSpec().getJobTemplate()
                .getMetadata());
        job.getMetadata().getAnnotations().put("cronjob.kubernetes.io/instantiate", "manual");
        job.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder().withApiVersion("batch/v1")
                .withKind("CronJob").withName(cj.getMetadata().getName()).withUid(cj.getMetadata().getUid())
                .withController(true).build()));
        return job;
    }

    private Job template() throws ActionException {
        try {
            return Serialization.unmarshal(Files.readString(config.template()), Job.class);
        } catch (IOException | RuntimeException e) {
            throw new ActionException("cannot read the job template " + config.template() + ": " + e.getMessage(), false, e);
        }
    }

    private Job job(String name, ActionRequest r, JobSpec spec, ObjectMeta templateMeta) {
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

    private GenericKubernetesResource generic(String apiVersion, String kind, String name, ActionRequest r,
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
        return Map.of(MODEL_LABEL, r.model(), ACTION_LABEL, "retrain");
    }

    static List<Map<String, String>> params(ActionRequest r) {
        return List.of(Map.of("name", "model", "value", r.model()),
                Map.of("name", "model_version", "value", r.version() == null ? "" : r.version()),
                Map.of("name", "window", "value", Durations.format(r.window())),
                Map.of("name", "decision_id", "value", Long.toString(r.decisionId())));
    }
}
