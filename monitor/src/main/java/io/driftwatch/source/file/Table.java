package io.driftwatch.source.file;

import java.util.List;
import java.util.Map;

/**
 * A column-oriented table read from a CSV or JSON-lines file. A column is numeric when every
 * non-missing cell parses as a number (missing: empty, NaN, null), else text.
 */
public record Table(List<String> columns, Map<String, Column> data, int rows) {

    public Column column(String name) {
        return data.get(name);
    }

    /** One column's cells. */
    public sealed interface Column {
        int size();

        /** Every cell as a value for {@code Samples}: Double (NaN if missing) or String (null if missing). */
        List<Object> values();
    }

    /** Numbers, NaN where missing. */
    public record NumericColumn(double[] numbers, int size) implements Column {
        @Override
        public List<Object> values() {
            return java.util.Arrays.stream(numbers, 0, size).boxed().map(Object.class::cast).toList();
        }
    }

    /** Text, null where missing. */
    public record TextColumn(String[] cells, int size) implements Column {
        @Override
        public List<Object> values() {
            return java.util.Arrays.asList((Object[]) java.util.Arrays.copyOf(cells, size));
        }
    }
}
