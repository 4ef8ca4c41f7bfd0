package io.driftwatch.action.retrain;

import io.driftwatch.action.ActionException;
import io.driftwatch.action.ActionRequest;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A retraining run that is a custom resource (an Argo Workflow, a Tekton PipelineRun) referring to a
 * template by name: the subclass gives its API version, kind, CRD, spec and what "still running" means.
 */
abstract class CustomResourceRetrain extends RetrainTrigger {
    private final NamedRun config;

    CustomResourceRetrain(String namespace, NamedRun config) {
        super(namespace, config.kind());
        this.config = config;
    }

    abstract String apiVersion();

    abstract String resourceKind();

    abstract ResourceDefinitionContext crd();

    /** The run's spec, referring to {@code template} by name with the request's parameters. */
    abstract Map<String, Object> spec(String template, ActionRequest r);

    /** Whether a run with this status is still running. */
    abstract boolean running(Map<?, ?> status);

    @Override
    public String target() {
        return apiVersion() + "/" + resourceKind() + " " + namespace;
    }

    @Override
    public Optional<String> inFlight(KubernetesClient client, String model) throws ActionException {
        Predicate<Map<?, ?>> stillRunning = this::running;
        return resourceInFlight(client, model, crd(), stillRunning);
    }

    @Override
    protected HasMetadata run(KubernetesClient client, ActionRequest r) {
        return generic(apiVersion(), resourceKind(), r.model() + "-retrain-dw-" + r.decisionId(), r,
                spec(config.name(), r));
    }
}
