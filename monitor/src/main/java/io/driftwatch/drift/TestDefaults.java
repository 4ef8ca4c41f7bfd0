package io.driftwatch.drift;

import java.util.Set;

/**
 * What a test declares about itself, once, in its own file: its name, whether it gives a p-value or a
 * distance, the column types it applies to, its default threshold (distance tests; p-value tests are
 * held to the false-discovery rate), its default effect-size floor when its statistic serves as one,
 * how it can run on counts made in the source (pushdown), and whether it runs on KLL sketches.
 */
public record TestDefaults(String name, TestKind kind, Set<ColumnType> types, Double threshold, Double floor,
                           Counting counting, boolean onSketches, boolean normalized) {
    public TestDefaults {
        types = Set.copyOf(types);
    }

    /** How a test can run on counts instead of values. */
    public enum Counting {
        /** category counts (terms aggregations) */
        TERMS,
        /** counts in ranges on the reference's edges */
        RANGES,
        /** either */
        EITHER,
        /** not at all: the values must be pulled */
        NONE
    }
}
