package io.driftwatch.config;

/**
 * How test results become decisions: the false-discovery rate across a model's features, the smallest
 * sample that is conclusive, the effect-size floors, and the PSI threshold for PSI-only columns.
 */
public record DriftPolicyConfig(double fdr, int minSamples, double ksFloor, double psiFloor,
                                double jsFloor, double psiThreshold) {

    public static DriftPolicyConfig defaults() {
        return new DriftPolicyConfig(0.05, 100, 0.05, 0.1, 0.1, 0.25);
    }
}
