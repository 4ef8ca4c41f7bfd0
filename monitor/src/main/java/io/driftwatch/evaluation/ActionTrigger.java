package io.driftwatch.evaluation;

import java.time.Duration;
import java.util.Map;

/** Where firing rules go to become actions (nowhere when no model has any). */
@FunctionalInterface
public interface ActionTrigger {

    void onFiring(String model, String version, String rule, Map<String, Object> evidence, Duration window);

    static ActionTrigger none() {
        return (m, v, r, e, w) -> { };
    }
}
