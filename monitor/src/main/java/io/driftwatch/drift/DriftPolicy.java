package io.driftwatch.drift;

/**
 * How test results become decisions: the false-discovery rate across a model's features, the smallest
 * sample that is conclusive, the effect-size floors, and the thresholds of the distance tests.
 */
public record DriftPolicy(double fdr, int minSamples, double ksFloor, double psiFloor, double jsFloor,
                                double psiThreshold, double jsThreshold, double wassersteinThreshold,
                                long sketchAbove) {
    /** Columns with more values than this on either side are compared as KLL sketches. */
    public static final long DEFAULT_SKETCH_ABOVE = 2_000_000;

    public static DriftPolicy defaults() {
        return new DriftPolicy(0.05, 100, 0.05, 0.1, 0.1, 0.25, 0.1, 0.1, DEFAULT_SKETCH_ABOVE);
    }

    /** The threshold a test's statistic is held to: the rate for p-value tests, else its own. */
    public double threshold(String test) {
        return switch (test) {
            case "psi" -> psiThreshold;
            case "jensenshannon" -> jsThreshold;
            case "wasserstein" -> wassersteinThreshold;
            default -> fdr;
        };
    }

    public DriftPolicy withFdr(double rate) {
        return new DriftPolicy(rate, minSamples, ksFloor, psiFloor, jsFloor, psiThreshold, jsThreshold,
                wassersteinThreshold, sketchAbove);
    }

    public DriftPolicy withMinSamples(int n) {
        return new DriftPolicy(fdr, n, ksFloor, psiFloor, jsFloor, psiThreshold, jsThreshold,
                wassersteinThreshold, sketchAbove);
    }
}
