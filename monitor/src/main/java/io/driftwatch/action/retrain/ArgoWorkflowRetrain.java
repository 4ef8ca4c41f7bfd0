package io.driftwatch.action.retrain;

import io.driftwatch.action.ActionRequest;
import io.driftwatch.source.kubernetes.Crds;
import io.driftwatch.config.ActionConfig;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Map;

/** {@code kind: argo-workflow}: an Argo Workflow from a WorkflowTemplate, the parameters as arguments. */
public final class ArgoWorkflowRetrain extends CustomResourceRetrain {
    public static final String NAME = "argo-workflow";

    ArgoWorkflowRetrain(String namespace, NamedRun config) {
        super(namespace, config);
    }

    @Override
    String apiVersion() {
        return ARGO;
    }

    @Override
    String resourceKind() {
        return "Workflow";
    }

    @Override
    ResourceDefinitionContext crd() {
        return Crds.WORKFLOW;
    }

    @Override
    Map<String, Object> spec(String template, ActionRequest r) {
        return Map.of("workflowTemplateRef", Map.of("name", template), "arguments", Map.of("parameters", params(r)));
    }

    @Override
    boolean running(Map<?, ?> status) {
        Object phase = status.get("phase");
        return phase == null || "Pending".equals(phase) || "Running".equals(phase);
    }

    /** Registration of the kind. */
    public static final class Kind extends NamedRun.Kind {
        public Kind() {
            super(NAME, "WorkflowTemplate", "an Argo Workflow from a WorkflowTemplate (`name`)");
        }

        @Override
        public RetrainTrigger create(String namespace, ActionConfig.Retrain config) {
            return new ArgoWorkflowRetrain(namespace, (NamedRun) config);
        }
    }
}
