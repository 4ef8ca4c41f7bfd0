package io.driftwatch.table;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Accumulates one column's cells. Missing spellings ({@link Cells#isMissing}) are missing in either
 * type. While most cells are numbers the column is numeric: a cell that is not a number is kept aside
 * (row and text) and NaN stands in its place, so the column can still be read as text later. When the
 * text cells outnumber the numbers the column turns to text for good (earlier numbers keep their text).
 */
final class ColumnBuilder {
    /** Below this many cells a column never turns to text early: the final decision is made on both files. */
    private static final int EARLY_TEXT_AFTER = 1000;

    private double[] numbers;
    private String[] text;
    private int size;
    private int[] oddRows = new int[0];
    private String[] oddText = new String[0];
    private int odd;
    private long oddLine = -1;
    private boolean numericOnly;

    ColumnBuilder() {
        this(1024);
    }

    ColumnBuilder(int expectedRows) {
        numbers = new double[Math.max(16, expectedRows)];
    }

    /** A CSV cell straight from bytes; {@code line} is its line in the file or chunk (for the first example). */
    void addBytes(byte[] buf, int from, int to, long line) {
        if (text == null && from < to) {
            try {
                addNumber(DecimalParser.parse(buf, from, to));
                return;
            } catch (NumberFormatException e) {
                // not a plain decimal: classified below
            }
        }
        addCell(from == to ? null : new String(buf, from, to - from, StandardCharsets.UTF_8), line);
    }

    /** A JSON value: Double, String, Boolean or null (missing). */
    void addValue(Object v, long line) {
        if (v instanceof Double d && text == null && !d.isInfinite()) {
            addNumber(d);
        } else if (v instanceof Double d) {
            addCell(d.isNaN() ? null : numberText(d), line);
        } else {
            addCell(v == null ? null : v.toString(), line);
        }
    }

    /** A cell as text (quoted CSV, JSON): missing, a number, or text. */
    void addCell(String cell, long line) {
        if (Cells.isMissing(cell)) {
            if (text != null) {
                addText(null);
            } else {
                addNumber(Double.NaN);
            }
            return;
        }
        if (text == null) {
            double v = Cells.number(cell);
            if (!Double.isNaN(v)) {
                addNumber(v);
                return;
            }
            addOdd(cell, line);
            return;
        }
        addText(cell);
    }

    /** A cell of a column known to be numeric: text never turns it to text. */
    void addNumericCell(String cell, long line) {
        numericOnly = true;
        if (Cells.isMissing(cell)) {
            addNumber(Double.NaN);
            return;
        }
        double v = Cells.number(cell);
        if (Double.isNaN(v)) {
            addOdd(cell, line, false);
        } else {
            addNumber(v);
        }
    }

    private void addOdd(String cell, long line) {
        addOdd(cell, line, true);
    }

    private void addOdd(String cell, long line, boolean mayTurnToText) {
        if (odd == oddRows.length) {
            oddRows = Arrays.copyOf(oddRows, odd * 2 + 4);
            oddText = Arrays.copyOf(oddText, odd * 2 + 4);
        }
        if (odd == 0) {
            oddLine = line;
        }
        oddRows[odd] = size;
        oddText[odd++] = cell;
        addNumber(Double.NaN);
        if (mayTurnToText && odd > EARLY_TEXT_AFTER && odd * 2L > size) {
            toText();
        }
    }

    private void addNumber(double v) {
        if (size == numbers.length) {
            numbers = Arrays.copyOf(numbers, size + (size >> 1) + 16);
        }
        numbers[size++] = v;
    }

    private void addText(String s) {
        if (size == text.length) {
            text = Arrays.copyOf(text, size * 2 + 16);
        }
        text[size++] = s;
    }

    private void toText() {
        text = Table.NumericColumn.asText(numbers, size, oddRows, oddText, odd, Math.max(16, numbers.length));
        numbers = null;
        odd = 0;
        oddRows = new int[0];
        oddText = new String[0];
    }

    /** Cells that are missing: NaN in the numbers that no odd cell stands behind. */
    private long missingCount() {
        long nan = 0;
        for (int i = 0; i < size; i++) {
            nan += Double.isNaN(numbers[i]) ? 1 : 0;
        }
        return nan - odd;
    }

    static String numberText(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    boolean isText() {
        return text != null;
    }

    int size() {
        return size;
    }

    /** Appends another builder's cells (a later chunk of the same column that starts {@code lines} further on). */
    void append(ColumnBuilder later, long lines) {
        if (later.isText() && !isText()) {
            toText();
        }
        if (isText()) {
            String[] cells = later.isText() ? later.text : Table.NumericColumn.asText(later.numbers, later.size,
                    later.oddRows, later.oddText, later.odd, later.size);
            for (int i = 0; i < later.size; i++) {
                addText(cells[i]);
            }
            return;
        }
        int base = size;
        if (size + later.size > numbers.length) {
            numbers = Arrays.copyOf(numbers, size + later.size);
        }
        System.arraycopy(later.numbers, 0, numbers, size, later.size);
        size += later.size;
        for (int i = 0; i < later.odd; i++) {
            if (odd == oddRows.length) {
                oddRows = Arrays.copyOf(oddRows, odd * 2 + 4);
                oddText = Arrays.copyOf(oddText, odd * 2 + 4);
            }
            if (odd == 0) {
                oddLine = later.oddLine + lines;
            }
            oddRows[odd] = base + later.oddRows[i];
            oddText[odd++] = later.oddText[i];
        }
    }

    Table.Column build() {
        if (text == null && !numericOnly && odd * 2L > size - missingCount()) {
            toText();
        }
        if (text != null) {
            return new Table.TextColumn(text, size);
        }
        return new Table.NumericColumn(numbers, size, new Table.Unparsable(Arrays.copyOf(oddRows, odd),
                Arrays.copyOf(oddText, odd), oddLine));
    }
}
