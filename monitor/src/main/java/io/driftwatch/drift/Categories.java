package io.driftwatch.drift;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/** Category counts of either kind of sample: numeric values count as categories of their text. */
public final class Categories {
    private Categories() {
    }

    public static Map<String, Long> counts(Sample s) {
        if (s instanceof Sample.Categorical c) {
            return c.counts();
        }
        if (!(s instanceof Sample.Numeric)) {
            throw new IllegalArgumentException("category counts need the values, not a " + s.getClass().getSimpleName());
        }
        Map<String, Long> out = new HashMap<>();
        for (double v : ((Sample.Numeric) s).sorted()) {
            out.merge(Samples.toCategory(v), 1L, Long::sum);
        }
        return out;
    }

    /** The two count vectors over the union of categories, in sorted category order. */
    static double[][] aligned(Map<String, Long> ref, Map<String, Long> cur) {
        TreeSet<String> all = new TreeSet<>(ref.keySet());
        all.addAll(cur.keySet());
        double[][] out = new double[2][all.size()];
        int i = 0;
        for (String k : all) {
            out[0][i] = ref.getOrDefault(k, 0L);
            out[1][i++] = cur.getOrDefault(k, 0L);
        }
        return out;
    }

    /** Number of distinct values, stopping early once it exceeds {@code limit}. */
    static int distinct(Sample s, int limit) {
        if (s instanceof Sample.Categorical c) {
            return c.counts().size();
        }
        if (s instanceof Sample.NumericSketch || s instanceof Sample.Binned) {
            return limit + 1; // sketch mode is for large continuous columns
        }
        double[] v = ((Sample.Numeric) s).sorted();
        int n = v.length == 0 ? 0 : 1;
        for (int i = 1; i < v.length && n <= limit; i++) {
            if (v[i] != v[i - 1]) {
                n++;
            }
        }
        return n;
    }
}
