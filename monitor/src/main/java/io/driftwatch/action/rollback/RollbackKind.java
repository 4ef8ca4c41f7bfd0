package io.driftwatch.action.rollback;

import io.driftwatch.action.DecisionLog;
import io.driftwatch.action.Strategy;
import io.driftwatch.config.ActionConfig;
import io.driftwatch.config.ConfigNode;
import java.util.List;

/**
 * One rollback strategy: its name in {@code rollback.strategy}, how its block is read, and the
 * {@link Strategy} it builds. A new strategy is a file here (config record, kind, strategy), one line in
 * {@link RollbackStrategies#ALL}, and the Role rules in {@code k8s/rbac-models.yaml} for its API calls
 * (RbacTest checks them).
 */
public interface RollbackKind {

    String name();

    /** One line for README's strategy list. */
    String description();

    Class<? extends ActionConfig.Rollback> configType();

    /** Reads the {@code rollback} block ({@code strategy} and {@code on} are read already). */
    ActionConfig.Rollback parse(ConfigNode block, List<String> on);

    /** The strategy for a model, acting in {@code namespace}; {@code log} is the model's audit trail. */
    Strategy create(String model, String namespace, ActionConfig.Rollback config, DecisionLog log);
}
