package io.driftwatch.action;

import io.driftwatch.action.retrain.RetrainStrategies;
import io.driftwatch.action.retrain.RetrainTrigger;
import io.driftwatch.action.rollback.RollbackStrategies;
import io.driftwatch.config.ActionConfig;

/** Builds a model's strategies from its configuration. */
final class Strategies {
    private Strategies() {
    }

    static Strategy rollback(String model, ActionConfig c, DecisionLog store) {
        return RollbackStrategies.create(model, c.namespace(), c.rollback(), store);
    }

    static RetrainTrigger retrain(ActionConfig c) {
        return RetrainStrategies.create(c.namespace(), c.retrain());
    }
}
