package io.driftwatch.drift;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Builds {@link Sample}s from raw logged values: null, NaN, the missing spellings and unparsable text are missing. */
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

    /** A table column as a sample of the given type; numeric cells of a categorical column count as text. */
    public static Sample of(io.driftwatch.source.file.Table.Column column, io.driftwatch.config.FeatureType type) {
        if (type == io.driftwatch.config.FeatureType.NUMERIC
                && column instanceof io.driftwatch.source.file.Table.NumericColumn n) {
            return numeric(n.numbers(), n.size());
        }
        return type == io.driftwatch.config.FeatureType.NUMERIC ? numeric(column.values()) : categorical(column.values());
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

    static double toDouble(Object v) {
        if (v instanceof Number num) {
            return num.doubleValue();
        }
        if (v instanceof String s && !io.driftwatch.source.file.Cells.isMissing(s)) {
            return io.driftwatch.source.file.Cells.number(s);
        }
        return Double.NaN;
    }

    /** Category text; whole numbers print without ".0" so that 1 and 1.0 are one category. */
    static String toCategory(Object v) {
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
        return io.driftwatch.source.file.Cells.isMissing(s) ? null : s;
    }
}
