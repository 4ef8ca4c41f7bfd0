package io.driftwatch.action.retrain;

import io.driftwatch.action.ActionRequest;
import io.driftwatch.source.kubernetes.Crds;
import io.driftwatch.config.ActionConfig;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Map;

/** {@code kind: tekton-pipeline}: a Tekton PipelineRun of a Pipeline, the parameters as params. */
public final class TektonPipelineRetrain extends CustomResourceRetrain {
    public static final String NAME = "tekton-pipeline";

    TektonPipelineRetrain(String namespace, NamedRun config) {
        super(namespace, config);
    }

    @Override
    String apiVersion() {
        return TEKTON;
    }

    @Override
    String resourceKind() {
        return "PipelineRun";
    }

    @Override
    ResourceDefinitionContext crd() {
        return Crds.PIPELINE_RUN;
    }

    @Override
    Map<String, Object> spec(String template, ActionRequest r) {
        return Map.of("pipelineRef", Map.of("name", template), "params", params(r));
    }

    /** Running until its Succeeded condition is True or False. */
    @Override
    boolean running(Map<?, ?> status) {
        Object conditions = status.get("conditions");
        if (!(conditions instanceof List<?> list)) {
            return true;
        }
        return list.stream().anyMatch(c -> c instanceof Map<?, ?> m && "Succeeded".equals(m.get("type"))
                && "Unknown".equals(m.get("status")));
    }

    /** Registration of the kind. */
    public static final class Kind extends NamedRun.Kind {
        public Kind() {
            super(NAME, "Pipeline", "a Tekton PipelineRun of a Pipeline (`name`)");
        }

        @Override
        public RetrainTrigger create(String namespace, ActionConfig.Retrain config) {
            return new TektonPipelineRetrain(namespace, (NamedRun) config);
        }
    }
}
