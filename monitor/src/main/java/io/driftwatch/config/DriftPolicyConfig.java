package io.driftwatch.config;

import java.util.Map;

/**
 * The {@code drift} block: the false-discovery rate across a model's features, the smallest conclusive
 * sample, per-test overrides of thresholds and effect-size floors (by test name; each test declares
 * its own defaults, and the names are checked against the registry when the whole configuration is
 * loaded), and the size above which columns are compared as sketches.
 */
public record DriftPolicyConfig(double fdr, int minSamples, Map<String, Double> thresholds,
                                Map<String, Double> floors, long sketchAbove) {
    /** Columns with more values than this on either side are compared as KLL sketches. */
    public static final long DEFAULT_SKETCH_ABOVE = 2_000_000;

    public DriftPolicyConfig {
        thresholds = Map.copyOf(thresholds);
        floors = Map.copyOf(floors);
    }

    public static DriftPolicyConfig defaults() {
        return new DriftPolicyConfig(0.05, 100, Map.of(), Map.of(), DEFAULT_SKETCH_ABOVE);
    }
}
