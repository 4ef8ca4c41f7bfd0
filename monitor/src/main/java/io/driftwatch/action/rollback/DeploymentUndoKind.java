package io.driftwatch.action.rollback;

import io.driftwatch.action.Decision;
import io.driftwatch.action.DecisionLog;
import io.driftwatch.action.Strategy;
import io.driftwatch.config.ActionConfig;
import io.driftwatch.config.ConfigNode;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code strategy: deployment-undo}, {@code deployment}: what {@code kubectl rollout undo} does. */
public final class DeploymentUndoKind extends BaseRollbackKind {
    public static final String NAME = "deployment-undo";

    /** The Deployment to take back to its last good revision. */
    public record Config(List<String> on, String deployment) implements ActionConfig.Rollback {
        public Config {
            on = List.copyOf(on);
        }

        @Override
        public String strategy() {
            return NAME;
        }
    }

    public DeploymentUndoKind() {
        super(NAME, "writes the previous good revision's pod template back to the Deployment, as `kubectl rollout undo`", Config.class);
    }

    @Override
    public ActionConfig.Rollback parse(ConfigNode n, List<String> on) {
        String deployment = n.string("deployment").orElse(null);
        if (deployment == null) {
            n.errors().add(n.location(), n.pathOf("deployment"), "is required for deployment-undo");
        }
        return new Config(on, deployment);
    }

    @Override
    public Strategy create(String model, String namespace, ActionConfig.Rollback config, DecisionLog log) {
        return new DeploymentUndo(namespace, ((Config) config).deployment(), () -> flagged(log, model),
                () -> healthy(log, model));
    }

    /** Revisions Driftwatch rolled back from: they were flagged by a rule and are never targets. */
    static Set<String> flagged(DecisionLog log, String model) {
        Set<String> out = new HashSet<>();
        try {
            log.list(model, 10_000).stream().filter(d -> d.kind() == Decision.Kind.ROLLBACK
                    && NAME.equals(d.strategy()) && d.revisionBefore() != null
                    && d.state() == Decision.State.SUCCEEDED).forEach(d -> out.add(d.revisionBefore()));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit trail: " + e.getMessage(), e);
        }
        return out;
    }

    /** The revision the last successful rollback reached: recorded healthy. */
    static Optional<String> healthy(DecisionLog log, String model) {
        try {
            return log.list(model, 10_000).stream().filter(d -> d.kind() == Decision.Kind.ROLLBACK
                    && NAME.equals(d.strategy()) && d.state() == Decision.State.SUCCEEDED)
                    .map(Decision::revisionAfter).findFirst();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit trail: " + e.getMessage(), e);
        }
    }
}
