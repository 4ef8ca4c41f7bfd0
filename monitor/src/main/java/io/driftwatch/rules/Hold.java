package io.driftwatch.rules;

import java.time.Duration;

/**
 * How long a condition must hold before a rule fires, and how long it keeps firing after it clears:
 * at least {@code evaluations} consecutive breaching evaluations and at least {@code pending} since the
 * first of them (Prometheus' {@code for}); {@code keepFiring} as Prometheus' {@code keep_firing_for}.
 */
public record Hold(int evaluations, Duration pending, Duration keepFiring) {

    public static Hold evaluations(int n) {
        return new Hold(n, Duration.ZERO, Duration.ZERO);
    }
}
