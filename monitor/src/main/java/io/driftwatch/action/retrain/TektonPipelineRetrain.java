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

/** {@code kind: tekton-pipeline}: a Tekton PipelineRun of a Pipeline (name), parameters as params. */
public final class TektonPipelineRetrain extends RetrainTrigger {
    public static final String NAME = "tekton-pipeline";

    /** The Pipeline a run refers to. */
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

    TektonPipelineRetrain(String namespace, Config config) {
        super(namespace);
        this.config = config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String target() {
        return TEKTON + "/PipelineRun " + namespace;
    }

    @Override
    public Optional<String> inFlight(KubernetesClient client, String model) throws ActionException {
        return resourceInFlight(client, model, Crds.PIPELINE_RUN, TektonPipelineRetrain::pipelineRunning);
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
    protected HasMetadata run(KubernetesClient client, ActionRequest r) {
        return generic(TEKTON, "PipelineRun", r.model() + "-retrain-dw-" + r.decisionId(), r, Map.of("pipelineRef", Map.of("name", config.name()), "params", params(r)));
    }

    /** Registration of the kind. */
    public static final class Kind implements RetrainKind {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "a Tekton PipelineRun of a Pipeline (`name`), parameters as params";
        }

        @Override
        public Class<Config> configType() {
            return Config.class;
        }

        @Override
        public ActionConfig.Retrain parse(ConfigNode n, List<String> on, Path base) {
            return new Config(on, RetrainKind.requiredName(n, NAME, "Pipeline"));
        }

        @Override
        public RetrainTrigger create(String namespace, ActionConfig.Retrain config) {
            return new TektonPipelineRetrain(namespace, (Config) config);
        }
    }
}
