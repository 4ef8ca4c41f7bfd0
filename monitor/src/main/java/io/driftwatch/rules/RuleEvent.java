package io.driftwatch.rules;

/** A rule instance that started firing or resolved in this evaluation: what alerting acts on. */
public record RuleEvent(Rule rule, RuleState state, String version, boolean firing) {
}
