package io.driftwatch.table;

import java.util.Locale;
import java.util.Set;

/**
 * What a cell's text means, the same for CSV and JSON lines: one of the usual missing-value spellings
 * (pandas' default {@code na_values}), a decimal number (with {@code ±Inf}/{@code Infinity}), or text.
 * Java-only number forms (hex {@code 0x1A}, suffixes {@code 1d}/{@code 1f}) and literals that overflow a
 * double ({@code 1e400}) are not numbers.
 */
public final class Cells {
    private static final Set<String> MISSING = Set.of("", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN",
            "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null");
    private static final Set<String> POSITIVE_INFINITY = Set.of("inf", "+inf", "infinity", "+infinity");
    private static final Set<String> NEGATIVE_INFINITY = Set.of("-inf", "-infinity");

    private Cells() {
    }

    /**
     * A boolean cell in JSON's spelling ({@code True}, {@code TRUE}, pandas' and spreadsheets' spellings,
     * become {@code true}; likewise false), so that a CSV reference and JSON logs name it alike; any other
     * cell as it is.
     */
    public static String bool(String cell) {
        if (cell == null || cell.length() > 5) {
            return cell;
        }
        return switch (cell) {
            case "True", "TRUE" -> "true";
            case "False", "FALSE" -> "false";
            default -> cell;
        };
    }

    /** Whether the cell (null included) is a missing value. */
    public static boolean isMissing(String cell) {
        return cell == null || MISSING.contains(cell.strip());
    }

    /** The cell as a number, or NaN when it is not one (missing cells are not numbers either). */
    public static double number(String cell) {
        String s = cell.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        if (POSITIVE_INFINITY.contains(lower)) {
            return Double.POSITIVE_INFINITY;
        }
        if (NEGATIVE_INFINITY.contains(lower)) {
            return Double.NEGATIVE_INFINITY;
        }
        if (s.isEmpty() || !decimalCharacters(s)) {
            return Double.NaN;
        }
        try {
            double v = Double.parseDouble(s);
            return Double.isInfinite(v) ? Double.NaN : v;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Only digits, sign, point and exponent: what a decimal literal may hold. */
    static boolean decimalCharacters(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (!decimalCharacter(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean decimalCharacter(int c) {
        return (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
    }
}
