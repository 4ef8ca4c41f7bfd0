package io.driftwatch.table;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;

/**
 * Parses decimal numbers from bytes. Plain decimals whose digits make an integer of at most 2^53 and
 * whose decimal exponent is small (what CSV writers print) take Clinger's fast path: the digits as an
 * exact long, times or divided by an exact power of ten, which IEEE arithmetic rounds correctly, so the
 * result equals {@link Double#parseDouble}. Everything else goes to FastDoubleParser.
 */
final class DecimalParser {
    private static final double[] POW10 = new double[23];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private DecimalParser() {
    }

    /**
     * The decimal number in buf[from, to); throws NumberFormatException if it is not one. Only digits,
     * sign, point and exponent are read here: words ({@code NaN}, {@code inf}), Java's hex and suffix forms
     * and overflowing literals are left to {@link Cells}, which decides what they mean.
     */
    static double parse(byte[] buf, int from, int to) {
        double fast = fastPath(buf, from, to);
        if (!Double.isNaN(fast)) {
            return fast;
        }
        for (int i = from; i < to; i++) {
            if (!Cells.decimalCharacter(buf[i])) {
                throw new NumberFormatException("not a decimal number");
            }
        }
        double v = JavaDoubleParser.parseDouble(buf, from, to - from);
        if (Double.isInfinite(v)) {
            throw new NumberFormatException("out of the range of a double");
        }
        return v;
    }

    /** NaN when the fast path does not apply (then the slow path decides, including real "NaN" text). */
    private static double fastPath(byte[] b, int i, int to) {
        boolean negative = false;
        if (i < to && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        long mantissa = 0;
        int scale = 0;
        int start = i;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            mantissa = mantissa * 10 + (b[i++] - '0');
        }
        int digits = i - start;
        if (i < to && b[i] == '.') {
            i++;
            int fracStart = i;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                mantissa = mantissa * 10 + (b[i++] - '0');
            }
            scale = fracStart - i;
            digits += i - fracStart;
        }
        // up to 18 digits cannot overflow a long; up to 2^53 the mantissa is an exact double
        if (digits == 0 || digits > 18 || mantissa > (1L << 53)) {
            return Double.NaN;
        }
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean negExp = false;
            if (i < to && (b[i] == '-' || b[i] == '+')) {
                negExp = b[i++] == '-';
            }
            int exp = 0;
            int expStart = i;
            while (i < to && b[i] >= '0' && b[i] <= '9' && exp < 1000) {
                exp = exp * 10 + (b[i++] - '0');
            }
            if (i == expStart) {
                return Double.NaN;
            }
            scale += negExp ? -exp : exp;
        }
        if (i != to || scale < -22 || scale > 22) {
            return Double.NaN;
        }
        double v = scale < 0 ? mantissa / POW10[-scale] : mantissa * POW10[scale];
        return negative ? -v : v;
    }
}
