package io.driftwatch.drift;

import java.util.Map;

/**
 * How test results become decisions: the false-discovery rate across a model's features, the smallest
 * sample that is conclusive, per-test overrides of the thresholds and effect-size floors that each test
 * declares in its {@link TestDefaults}, and the size above which columns are compared as sketches.
 */
public record DriftPolicy(double fdr, int minSamples, Map<String, Double> thresholds, Map<String, Double> floors,
                          long sketchAbove) {
    /** Columns with more values than this on either side are compared as KLL sketches. */
    public static final long DEFAULT_SKETCH_ABOVE = 2_000_000;

    public DriftPolicy {
        thresholds = Map.copyOf(thresholds);
        floors = Map.copyOf(floors);
    }

    public static DriftPolicy defaults() {
        return new DriftPolicy(0.05, 100, Map.of(), Map.of(), DEFAULT_SKETCH_ABOVE);
    }

    /** The threshold a test's statistic is held to: the rate for p-value tests, else the override or its own. */
    public double threshold(DriftTest test) {
        if (test.kind() == TestKind.P_VALUE) {
            return fdr;
        }
        return thresholds.getOrDefault(test.name(), test.defaults().threshold());
    }

    /** The effect-size floor of a test's statistic: the override or its own (null: it sets none). */
    public Double floor(DriftTest test) {
        return floors.getOrDefault(test.name(), test.defaults().floor());
    }

    public DriftPolicy withFdr(double rate) {
        return new DriftPolicy(rate, minSamples, thresholds, floors, sketchAbove);
    }

    public DriftPolicy withMinSamples(int n) {
        return new DriftPolicy(fdr, n, thresholds, floors, sketchAbove);
    }
}
