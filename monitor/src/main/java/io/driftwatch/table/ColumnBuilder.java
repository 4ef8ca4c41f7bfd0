package io.driftwatch.table;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Accumulates one column's cells. Missing spellings ({@link Cells#isMissing}) are missing in either
 * type. While most cells are numbers the column is numeric: a cell that is not a number is kept aside
 * (row and text) and NaN stands in its place, so the column can still be read as text later. When the
 * text cells outnumber the numbers the column turns to text for good. A cell's text never depends on
 * what came before it: a number written with leading zeros (a code such as {@code 007}) keeps its text
 * beside its value, so read as text it is {@code 007} wherever it stands; other spellings of one number
 * ({@code 5}, {@code 5.0}) are one category, as in the daemon. Booleans read alike from CSV and JSON:
 * {@code True}/{@code FALSE} cells are {@code true}/{@code false}, JSON's spelling.
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
    /** Number cells whose text is not the number's own (leading zeros): rows and text. */
    private int[] keptRows = new int[0];
    private String[] keptText = new String[0];
    private int kept;

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
                double v = DecimalParser.parse(buf, from, to);
                if (leadingZero(buf, from, to)) {
                    keep(new String(buf, from, to - from, StandardCharsets.UTF_8));
                }
                addNumber(v);
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
        cell = Cells.bool(cell);
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
                if (leadingZero(cell)) {
                    keep(cell);
                }
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

    /** Whether a decimal is written with a leading zero before another digit ({@code 007}, {@code -01}). */
    static boolean leadingZero(byte[] b, int from, int to) {
        int i = from < to && (b[from] == '-' || b[from] == '+') ? from + 1 : from;
        return i + 1 < to && b[i] == '0' && b[i + 1] >= '0' && b[i + 1] <= '9';
    }

    static boolean leadingZero(String s) {
        String t = s.strip();
        int i = !t.isEmpty() && (t.charAt(0) == '-' || t.charAt(0) == '+') ? 1 : 0;
        return i + 1 < t.length() && t.charAt(i) == '0' && Character.isDigit(t.charAt(i + 1));
    }

    /** Keeps the text of the number about to be added at row {@code size}. */
    private void keep(String cellText) {
        if (kept == keptRows.length) {
            keptRows = Arrays.copyOf(keptRows, kept * 2 + 4);
            keptText = Arrays.copyOf(keptText, kept * 2 + 4);
        }
        keptRows[kept] = size;
        keptText[kept++] = cellText;
    }

    private Table.Texts kept() {
        return new Table.Texts(Arrays.copyOf(keptRows, kept), Arrays.copyOf(keptText, kept));
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
        text = Table.NumericColumn.asText(numbers, size, oddRows, oddText, odd, kept(), Math.max(16, numbers.length));
        numbers = null;
        odd = 0;
        oddRows = new int[0];
        oddText = new String[0];
        kept = 0;
        keptRows = new int[0];
        keptText = new String[0];
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
                    later.oddRows, later.oddText, later.odd, later.kept(), later.size);
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
        for (int i = 0; i < later.kept; i++) {
            int at = size;
            size = base + later.keptRows[i];
            keep(later.keptText[i]);
            size = at;
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
                Arrays.copyOf(oddText, odd), oddLine), kept());
    }
}
