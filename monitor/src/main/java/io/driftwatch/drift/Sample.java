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

    /**
     * A numeric column counted into bins by the source (pushdown mode). With edges e ascending:
     * {@code counts[0]} counts values below e[0], {@code counts[i]} values in [e[i−1], e[i]), and the last
     * count values at or above the last edge. {@code min} and {@code max} bound the values (NaN if none).
     */
    record Binned(double[] edges, long[] counts, double min, double max, long missing) implements Sample {
        public Binned {
            if (counts.length != edges.length + 1) {
                throw new IllegalArgumentException(counts.length + " counts for " + edges.length + " edges");
            }
        }

        @Override
        public long size() {
            long n = 0;
            for (long c : counts) {
                n += c;
            }
            return n;
        }

        /** How many values are below {@code edge}, which must be one of the edges. */
        public long below(double edge) {
            int i = java.util.Arrays.binarySearch(edges, edge);
            if (i < 0) {
                throw new IllegalArgumentException(edge + " is not a bin edge");
            }
            long n = 0;
            for (int b = 0; b <= i; b++) {
                n += counts[b];
            }
            return n;
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
