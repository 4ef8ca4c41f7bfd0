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
