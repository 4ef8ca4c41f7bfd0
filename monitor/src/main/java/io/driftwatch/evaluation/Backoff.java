package io.driftwatch.evaluation;

/**
 * Backs off from a source that keeps failing: after the n-th consecutive failure the next
 * 2^(n−1) − 1 scheduled cycles are skipped (at most {@value #MAX_SKIP}), so a sick cluster is not hammered;
 * the first success resets it.
 */
public final class Backoff {
    static final int MAX_SKIP = 15;
    private int failures;
    private int toSkip;

    synchronized boolean skip() {
        if (toSkip > 0) {
            toSkip--;
            return true;
        }
        return false;
    }

    synchronized void failed() {
        failures++;
        toSkip = Math.min(MAX_SKIP, (1 << Math.min(failures - 1, 30)) - 1);
    }

    synchronized void succeeded() {
        failures = 0;
        toSkip = 0;
    }
}
