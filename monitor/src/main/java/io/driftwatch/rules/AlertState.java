package io.driftwatch.rules;

/** The life of one rule instance, as in Prometheus alerting rules, plus RESOLVED for one evaluation. */
public enum AlertState {
    INACTIVE, PENDING, FIRING, RESOLVED
}
