package io.driftwatch.action.retrain;

import io.driftwatch.config.ActionConfig;
import io.driftwatch.config.ConfigNode;
import io.driftwatch.config.RetrainKinds;
import java.nio.file.Path;
import java.util.List;

/** The retraining kinds, one registration line each. */
public final class RetrainStrategies {
    public static final List<RetrainKind> ALL = List.of(
            new CronJobRetrain.Kind(),
            new JobTemplateRetrain.Kind(),
            new ArgoWorkflowRetrain.Kind(),
            new TektonPipelineRetrain.Kind());

    /** The registry as the configuration parser sees it. */
    public static final RetrainKinds REGISTRY = new RetrainKinds() {
        @Override
        public List<String> names() {
            return ALL.stream().map(RetrainKind::name).toList();
        }

        @Override
        public ActionConfig.Retrain parse(String kind, ConfigNode block, List<String> on, Path base) {
            return kind(kind).parse(block, on, base);
        }
    };

    private RetrainStrategies() {
    }

    static RetrainKind kind(String name) {
        return ALL.stream().filter(k -> k.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no retraining kind " + name));
    }

    public static RetrainTrigger create(String namespace, ActionConfig.Retrain config) {
        return kind(config.kind()).create(namespace, config);
    }
}
