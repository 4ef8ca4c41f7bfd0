package io.driftwatch.action;

/** Why an action was not taken: the guard that stopped it (as the audit trail names it) and its reason. */
public record Stop(String guard, String reason) {
}
