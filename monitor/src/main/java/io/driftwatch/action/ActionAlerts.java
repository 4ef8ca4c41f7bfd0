package io.driftwatch.action;

import io.driftwatch.config.ActionConfig;
import java.sql.SQLException;

/**
 * Reports settled decisions to people: success and failure of an action taken, a decision waiting for
 * approval, and an open circuit breaker (escalated, severity critical).
 */
public interface ActionAlerts {

    void report(Decision d, ActionConfig config, DecisionLog store) throws SQLException;

    static ActionAlerts none() {
        return (d, c, s) -> { };
    }
}
