package io.driftwatch.action;

import java.time.Duration;

/** Why an action is asked for: the model and version, the rule that fired, the window, the decision. */
public record ActionRequest(String model, String version, String rule, Duration window, long decisionId) {
}
