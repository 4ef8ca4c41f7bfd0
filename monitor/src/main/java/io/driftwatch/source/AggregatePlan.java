package io.driftwatch.source;

import java.util.List;
import java.util.Map;

/**
 * What a pushdown read counts in the source, column by column: numeric columns into ranges on fixed
 * edges, categorical ones by term. With a segment field, each listed segment value has its own columns
 * (its own reference's edges); the key {@link #OTHER} counts the documents of none of the listed values.
 */
public record AggregatePlan(List<Column> columns, String segmentField, Map<String, List<Column>> segments) {
    /** The pooled segment: every value not listed, and documents without the field. */
    public static final String OTHER = "other";

    public AggregatePlan {
        columns = List.copyOf(columns);
        segments = Map.copyOf(segments);
    }

    /** One column to count; {@code field} is the input field name, or null for the prediction. */
    public sealed interface Column {
        String name();

        String field();
    }

    /** Counts in [edges[i−1], edges[i]) with open outer bins, plus the minimum and maximum. */
    public record Ranges(String name, String field, double[] edges) implements Column {
    }

    /** Counts by value, for at most {@code size} values (the rest are pooled). */
    public record Terms(String name, String field, int size, boolean numeric) implements Column {
    }
}
