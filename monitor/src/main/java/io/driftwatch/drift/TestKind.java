package io.driftwatch.drift;

/** Whether a test's decision comes from a p-value (significance) or from a distance threshold. */
public enum TestKind {
    P_VALUE, DISTANCE
}
