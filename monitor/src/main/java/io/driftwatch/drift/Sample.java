package io.driftwatch.drift;

import java.util.Map;

/** The non-missing values of one column in one window, and how many were missing. */
public sealed interface Sample {

    long size();

    long missing();

    /** Numeric values, sorted ascending, NaN excluded. */
    record Numeric(double[] sorted, long missing) implements Sample {
        @Override
        public long size() {
            return sorted.length;
        }
    }

    /**
     * A numeric column summarized by a KLL quantile sketch (sketch mode): memory bounded by the sketch
     * size whatever the row count; ranks are approximate within the sketch's normalized rank error.
     */
    record NumericSketch(org.apache.datasketches.kll.KllDoublesSketch sketch, long missing) implements Sample {
        @Override
        public long size() {
            return sketch.getN();
        }
    }

    /** Category counts. */
    record Categorical(Map<String, Long> counts, long missing) implements Sample {
        public Categorical {
            counts = Map.copyOf(counts);
        }

        @Override
        public long size() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
