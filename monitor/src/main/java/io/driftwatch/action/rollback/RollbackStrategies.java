package io.driftwatch.action.rollback;

import io.driftwatch.action.DecisionLog;
import io.driftwatch.action.Strategy;
import io.driftwatch.config.ActionConfig;
import io.driftwatch.config.ConfigNode;
import io.driftwatch.config.RollbackKinds;
import java.util.List;

/** The rollback strategies, one registration line each. */
public final class RollbackStrategies {
    public static final List<RollbackKind> ALL = List.of(
            new DeploymentUndoKind(),
            new ServiceSwitchKind(),
            new CanaryAbortKind());

    /** The registry as the configuration parser sees it. */
    public static final RollbackKinds REGISTRY = new RollbackKinds() {
        @Override
        public List<String> names() {
            return ALL.stream().map(RollbackKind::name).toList();
        }

        @Override
        public ActionConfig.Rollback parse(String strategy, ConfigNode block, List<String> on) {
            return kind(strategy).parse(block, on);
        }
    };

    private RollbackStrategies() {
    }

    static RollbackKind kind(String name) {
        return ALL.stream().filter(k -> k.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no rollback strategy " + name));
    }

    public static Strategy create(String model, String namespace, ActionConfig.Rollback config, DecisionLog log) {
        return kind(config.strategy()).create(model, namespace, config, log);
    }
}
