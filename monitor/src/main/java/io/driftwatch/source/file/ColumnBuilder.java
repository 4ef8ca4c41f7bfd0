package io.driftwatch.source.file;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Accumulates one column's cells: as doubles while every cell parses as a number, as text from the
 * first cell that does not (earlier numbers keep their numeric text).
 */
final class ColumnBuilder {
    private double[] numbers;
    private String[] text;
    private int size;

    ColumnBuilder() {
        this(1024);
    }

    ColumnBuilder(int expectedRows) {
        numbers = new double[Math.max(16, expectedRows)];
    }

    void addBytes(byte[] buf, int from, int to) {
        if (text != null) {
            addText(from == to ? null : new String(buf, from, to - from, StandardCharsets.UTF_8));
            return;
        }
        if (from == to) {
            addNumber(Double.NaN);
            return;
        }
        try {
            addNumber(DecimalParser.parse(buf, from, to));
        } catch (NumberFormatException e) {
            addCell(new String(buf, from, to - from, StandardCharsets.UTF_8));
        }
    }

    /** A JSON value: Double, String, Boolean or null (missing). */
    void addValue(Object v) {
        if (v instanceof Double d) {
            if (text != null) {
                addText(d.isNaN() ? null : numberText(d));
            } else {
                addNumber(d);
            }
        } else {
            addCell(v == null ? null : v.toString());
        }
    }

    /** A cell from the slow paths (quoted CSV, JSON): null or empty is missing. */
    void addCell(String cell) {
        if (cell == null || cell.isEmpty()) {
            if (text != null) {
                addText(null);
            } else {
                addNumber(Double.NaN);
            }
            return;
        }
        if (text == null) {
            double v = parse(cell);
            if (!Double.isNaN(v) || "NaN".equalsIgnoreCase(cell.strip())) {
                addNumber(v);
                return;
            }
            toText();
        }
        addText(cell);
    }

    private static double parse(String s) {
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
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
            text = Arrays.copyOf(text, size * 2);
        }
        text[size++] = s;
    }

    private void toText() {
        text = new String[Math.max(16, numbers.length)];
        for (int i = 0; i < size; i++) {
            text[i] = Double.isNaN(numbers[i]) ? null : numberText(numbers[i]);
        }
        numbers = null;
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

    /** Appends another builder's cells (a later chunk of the same column). */
    void append(ColumnBuilder later) {
        if (!later.isText() && !isText()) {
            if (size + later.size > numbers.length) {
                numbers = Arrays.copyOf(numbers, size + later.size);
            }
            System.arraycopy(later.numbers, 0, numbers, size, later.size);
            size += later.size;
            return;
        }
        if (later.isText() && !isText()) {
            toText();
        }
        for (int i = 0; i < later.size; i++) {
            if (isText()) {
                addText(later.isText() ? later.text[i] : Double.isNaN(later.numbers[i]) ? null : numberText(later.numbers[i]));
            } else {
                addNumber(later.numbers[i]);
            }
        }
    }

    Table.Column build() {
        return text != null ? new Table.TextColumn(text, size) : new Table.NumericColumn(numbers, size);
    }
}
