package io.driftwatch.source;

import java.util.Map;

/**
 * The counts a pushdown read returns: per column, and per segment value as the plan listed them, with
 * the number of documents in the window.
 */
public record Aggregates(long documents, Map<String, Counts> columns, Map<String, Map<String, Counts>> segments) {
    public Aggregates {
        columns = Map.copyOf(columns);
        segments = Map.copyOf(segments);
    }

    /** One column's counts and how many documents lacked it. */
    public sealed interface Counts {
        long missing();
    }

    /** Range counts on the plan's edges; min and max are NaN when no document had a value. */
    public record RangeCounts(double[] edges, long[] counts, double min, double max, long missing) implements Counts {
    }

    /** Counts by value; numeric values as their decimal text; {@code rest} counts values beyond the size. */
    public record TermCounts(Map<String, Long> counts, long rest, long missing) implements Counts {
        public TermCounts {
            counts = Map.copyOf(counts);
        }
    }
}
