package io.driftwatch.action.retrain;

import io.driftwatch.action.ActionException;
import io.driftwatch.action.ActionRequest;
import io.driftwatch.action.Crds;
import io.driftwatch.config.ActionConfig;
import io.driftwatch.config.ConfigNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code kind: argo-workflow}: an Argo Workflow from a WorkflowTemplate (name), parameters as arguments. */
public final class ArgoWorkflowRetrain extends RetrainTrigger {
    public static final String NAME = "argo-workflow";

    /** The WorkflowTemplate a run refers to. */
    public record Config(List<String> on, String name) implements ActionConfig.Retrain {
        public Config {
            on = List.copyOf(on);
        }

        @Override
        public String kind() {
            return NAME;
        }
    }

    private final Config config;

    ArgoWorkflowRetrain(String namespace, Config config) {
        super(namespace);
        this.config = config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String target() {
        return ARGO + "/Workflow " + namespace;
    }

    @Override
    public Optional<String> inFlight(KubernetesClient client, String model) throws ActionException {
        return resourceInFlight(client, model, Crds.WORKFLOW, ArgoWorkflowRetrain::workflowRunning);
    }

    private static boolean workflowRunning(Map<?, ?> status) {
        Object phase = status.get("phase");
        return phase == null || "Pending".equals(phase) || "Running".equals(phase);
    }

    @Override
    protected HasMetadata run(KubernetesClient client, ActionRequest r) {
        return generic(ARGO, "Workflow", r.model() + "-retrain-dw-" + r.decisionId(), r, Map.of("workflowTemplateRef", Map.of("name", config.name()), "arguments",
                Map.of("parameters", params(r))));
    }

    /** Registration of the kind. */
    public static final class Kind implements RetrainKind {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "an Argo Workflow from a WorkflowTemplate (`name`), parameters as arguments";
        }

        @Override
        public Class<Config> configType() {
            return Config.class;
        }

        @Override
        public ActionConfig.Retrain parse(ConfigNode n, List<String> on, Path base) {
            return new Config(on, RetrainKind.requiredName(n, NAME, "WorkflowTemplate"));
        }

        @Override
        public RetrainTrigger create(String namespace, ActionConfig.Retrain config) {
            return new ArgoWorkflowRetrain(namespace, (Config) config);
        }
    }
}
