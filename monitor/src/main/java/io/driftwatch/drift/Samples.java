package io.driftwatch.drift;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Builds {@link Sample}s from values: null, NaN, blank and unparsable text are missing (callers normalize spellings). */
public final class Samples {
    private Samples() {
    }

    public static Sample.Numeric numeric(Iterable<?> values) {
        double[] buf = new double[64];
        int n = 0;
        long missing = 0;
        for (Object v : values) {
            double x = toDouble(v);
            if (Double.isNaN(x)) {
                missing++;
                continue;
            }
            if (n == buf.length) {
                buf = Arrays.copyOf(buf, n * 2);
            }
            buf[n++] = x;
        }
        double[] sorted = Arrays.copyOf(buf, n);
        DoubleSort.sort(sorted);
        return new Sample.Numeric(sorted, missing);
    }

    /** Already-parsed values, NaN meaning missing. */
    public static Sample.Numeric numeric(double[] values, int length) {
        double[] sorted = DoubleSort.sortedWithoutNaN(values, length);
        return new Sample.Numeric(sorted, length - sorted.length);
    }

    public static Sample.Categorical categorical(Iterable<?> values) {
        Map<String, Long> counts = new HashMap<>();
        long missing = 0;
        for (Object v : values) {
            String s = toCategory(v);
            if (s == null) {
                missing++;
            } else {
                counts.merge(s, 1L, Long::sum);
            }
        }
        return new Sample.Categorical(counts, missing);
    }

    public static double toDouble(Object v) {
        if (v instanceof Number num) {
            return num.doubleValue();
        }
        if (v instanceof String s && !s.isBlank()) {
            try {
                return Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** Category text; whole numbers print without ".0" so that 1 and 1.0 are one category. */
    public static String toCategory(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Double d) {
            if (d.isNaN()) {
                return null;
            }
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
        }
        String s = v.toString();
        return s.isEmpty() || "NaN".equals(s) ? null : s;
    }
}
