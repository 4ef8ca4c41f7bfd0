package io.driftwatch.table;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A column-oriented table read from a CSV or JSON-lines file. A column is read as numeric while most of
 * its non-missing cells are numbers; its other cells are kept as {@link Unparsable} so that the caller
 * decides the type over both files (and can override it).
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

        /** The cells as numbers: non-numbers are NaN and listed as unparsable. */
        NumericColumn numeric();

        /** The cells as text: numbers print as written (whole numbers without ".0"), null where missing. */
        TextColumn text();
    }

    /** Non-numeric cells of a numeric column: their rows and text, and the line of the first (-1 if unknown). */
    public record Unparsable(int[] rows, String[] cells, long firstLine) {
        public static final Unparsable NONE = new Unparsable(new int[0], new String[0], -1);

        public int count() {
            return rows.length;
        }
    }

    /** The text of number cells written otherwise than the number prints (leading zeros): rows and text. */
    public record Texts(int[] rows, String[] cells) {
        public static final Texts NONE = new Texts(new int[0], new String[0]);
    }

    /** Numbers, NaN where missing or unparsable; {@code kept}: the text of cells such as {@code 007}. */
    public record NumericColumn(double[] numbers, int size, Unparsable unparsable, Texts kept) implements Column {
        public NumericColumn(double[] numbers, int size) {
            this(numbers, size, Unparsable.NONE, Texts.NONE);
        }

        @Override
        public List<Object> values() {
            return Arrays.stream(numbers, 0, size).boxed().map(Object.class::cast).toList();
        }

        /** Cells that are neither numbers nor missing. */
        public long nonMissing() {
            long n = unparsable.count();
            for (int i = 0; i < size; i++) {
                n += Double.isNaN(numbers[i]) ? 0 : 1;
            }
            return n;
        }

        @Override
        public NumericColumn numeric() {
            return this;
        }

        @Override
        public TextColumn text() {
            return new TextColumn(asText(numbers, size, unparsable.rows(), unparsable.cells(), unparsable.count(),
                    kept, size), size);
        }

        static String[] asText(double[] numbers, int size, int[] oddRows, String[] oddText, int odd, Texts kept,
                               int capacity) {
            String[] out = new String[Math.max(capacity, size)];
            for (int i = 0; i < size; i++) {
                out[i] = Double.isNaN(numbers[i]) ? null : ColumnBuilder.numberText(numbers[i]);
            }
            for (int i = 0; i < kept.rows().length; i++) {
                out[kept.rows()[i]] = kept.cells()[i];
            }
            for (int i = 0; i < odd; i++) {
                out[oddRows[i]] = oddText[i];
            }
            return out;
        }
    }

    /** Text, null where missing. */
    public record TextColumn(String[] cells, int size) implements Column {
        @Override
        public List<Object> values() {
            return Arrays.asList((Object[]) Arrays.copyOf(cells, size));
        }

        @Override
        public NumericColumn numeric() {
            ColumnBuilder b = new ColumnBuilder(size);
            for (int i = 0; i < size; i++) {
                b.addNumericCell(cells[i], -1);
            }
            return (NumericColumn) b.build();
        }

        @Override
        public TextColumn text() {
            return this;
        }
    }
}
