package io.driftwatch.action;

import io.driftwatch.action.retrain.RetrainTrigger;
import io.driftwatch.action.rollback.CanaryAbort;
import io.driftwatch.action.rollback.DeploymentUndo;
import io.driftwatch.action.rollback.ServiceSwitch;
import io.driftwatch.config.ActionConfig;
import io.driftwatch.action.DecisionLog;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** Builds a model's strategies from its configuration. */
final class Strategies {
    private Strategies() {
    }

    static Strategy rollback(String model, ActionConfig c, DecisionLog store) {
        ActionConfig.Rollback r = c.rollback();
        return switch (r.strategy()) {
            case "service-switch" -> new ServiceSwitch(c.namespace(), r.service(), r.stableSelector());
            case "canary-abort" -> new CanaryAbort(c.namespace(), r.canaryKind(), r.canaryName(), r.stableHost());
            default -> new DeploymentUndo(c.namespace(), r.deployment(), () -> flagged(store, model),
                    () -> healthy(store, model));
        };
    }

    static RetrainTrigger retrain(ActionConfig c) {
        return new RetrainTrigger(c.namespace(), c.retrain());
    }

    /** Revisions Driftwatch rolled back from: they were flagged by a rule and are never targets. */
    static Set<String> flagged(DecisionLog store, String model) {
        Set<String> out = new HashSet<>();
        try {
            store.list(model, 10_000).stream().filter(d -> d.kind() == Decision.Kind.ROLLBACK
                    && "deployment-undo".equals(d.strategy()) && d.revisionBefore() != null
                    && d.state() == Decision.State.SUCCEEDED).forEach(d -> out.add(d.revisionBefore()));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit trail: " + e.getMessage(), e);
        }
        return out;
    }

    /** The revision the last successful rollback reached: recorded healthy. */
    static Optional<String> healthy(DecisionLog store, String model) {
        try {
            return store.list(model, 10_000).stream().filter(d -> d.kind() == Decision.Kind.ROLLBACK
                    && "deployment-undo".equals(d.strategy()) && d.state() == Decision.State.SUCCEEDED)
                    .map(Decision::revisionAfter).findFirst();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit trail: " + e.getMessage(), e);
        }
    }
}
