package io.driftwatch.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * What a column's two distributions look like, in a bounded size whatever the row count, for charts:
 * a numeric column's shares on the reference's frozen PSI bins (at most 10), both ECDFs at
 * {@link #ECDF_POINTS} quantiles, and where the two ECDFs are furthest apart (the KS D); a categorical
 * column's shares of its {@link #MAX_CATEGORIES} most frequent categories (the rest pooled), new ones
 * marked.
 */
public sealed interface Distribution {
    int ECDF_POINTS = 41;
    int MAX_CATEGORIES = 20;
    String OTHER = "(other)";

    /** Shares per bin: bin i is [edges[i−1], edges[i]), the first and last are open. */
    record Numeric(double[] edges, double[] reference, double[] current, double[] probabilities,
                   double[] referenceQuantiles, double[] currentQuantiles, double ksAt, double ksReference,
                   double ksCurrent) implements Distribution {
    }

    /** Shares per category, most frequent first; {@code isNew}: absent from the reference. */
    record Categorical(List<String> categories, double[] reference, double[] current, boolean[] isNew)
            implements Distribution {
    }

    /** Each column's distribution, for the columns whose samples can be charted. */
    public static Map<String, Distribution> of(Map<String, ColumnReference> refs, Map<String, ? extends Sample> samples) {
        Map<String, Distribution> out = new LinkedHashMap<>();
        refs.forEach((name, ref) -> {
            Sample s = samples.get(name);
            Distribution d = s == null ? null : of(ref, s);
            if (d != null) {
                out.put(name, d);
            }
        });
        return out;
    }

    /** The distribution of a column, or null when its samples cannot be charted (empty, or pushdown bins). */
    static Distribution of(ColumnReference ref, Sample current) {
        if (ref instanceof ColumnReference.Numeric r && current instanceof Sample.Numeric c
                && r.sample().sorted().length > 0 && c.sorted().length > 0) {
            return exact(r, c);
        }
        if (ref instanceof ColumnReference.NumericSketch r && current instanceof Sample.NumericSketch c
                && !r.sample().sketch().isEmpty() && !c.sketch().isEmpty()) {
            return sketched(r, c);
        }
        if (ref instanceof ColumnReference.Categorical r && current instanceof Sample.Categorical c) {
            return categorical(r.sample().counts(), c.counts());
        }
        return null;
    }

    /** The probabilities at which the ECDFs are summarized: 0, 1/40, …, 1. */
    static double[] probabilities() {
        double[] p = new double[ECDF_POINTS];
        for (int i = 0; i < ECDF_POINTS; i++) {
            p[i] = (double) i / (ECDF_POINTS - 1);
        }
        return p;
    }

    private static Numeric exact(ColumnReference.Numeric r, Sample.Numeric c) {
        double[] p = probabilities();
        double[] rq = new double[p.length];
        double[] cq = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            rq[i] = Psi.quantile(r.sample().sorted(), p[i]);
            cq[i] = Psi.quantile(c.sorted(), p[i]);
        }
        double[] ks = largestGap(r.sample().sorted(), c.sorted());
        return new Numeric(r.edges(), r.shares(), Psi.shares(c.sorted(), r.edges()), p, rq, cq, ks[0], ks[1], ks[2]);
    }

    /** Where |F_ref(x) − F_cur(x)| is largest (x, F_ref(x), F_cur(x)), walking both sorted samples once. */
    static double[] largestGap(double[] a, double[] b) {
        int i = 0;
        int j = 0;
        double best = -1;
        double[] at = {Double.NaN, 0, 0};
        while (i < a.length || j < b.length) {
            double x = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
            while (i < a.length && a[i] <= x) {
                i++;
            }
            while (j < b.length && b[j] <= x) {
                j++;
            }
            double fa = (double) i / a.length;
            double fb = (double) j / b.length;
            if (Math.abs(fa - fb) > best) {
                best = Math.abs(fa - fb);
                at = new double[] {x, fa, fb};
            }
        }
        return at;
    }

    private static Numeric sketched(ColumnReference.NumericSketch r, Sample.NumericSketch c) {
        double[] p = probabilities();
        KllDoublesSketch a = r.sample().sketch();
        KllDoublesSketch b = c.sketch();
        double[] rq = new double[p.length];
        double[] cq = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            rq[i] = i == 0 ? a.getMinItem() : i == p.length - 1 ? a.getMaxItem() : a.getQuantile(p[i]);
            cq[i] = i == 0 ? b.getMinItem() : i == p.length - 1 ? b.getMaxItem() : b.getQuantile(p[i]);
        }
        double[] xs = Arrays.stream(new double[][] {rq, cq}).flatMapToDouble(Arrays::stream).sorted().distinct()
                .toArray();
        double[] fa = a.getCDF(xs, QuantileSearchCriteria.INCLUSIVE);
        double[] fb = b.getCDF(xs, QuantileSearchCriteria.INCLUSIVE);
        int best = 0;
        for (int i = 1; i < xs.length; i++) {
            if (Math.abs(fa[i] - fb[i]) > Math.abs(fa[best] - fb[best])) {
                best = i;
            }
        }
        return new Numeric(r.edges(), r.shares(), Sketches.shares(b, r.edges()), p, rq, cq, xs[best], fa[best], fb[best]);
    }

    static Categorical categorical(Map<String, Long> ref, Map<String, Long> cur) {
        long nr = Math.max(1, ref.values().stream().mapToLong(Long::longValue).sum());
        long nc = Math.max(1, cur.values().stream().mapToLong(Long::longValue).sum());
        Map<String, Long> both = new LinkedHashMap<>(ref);
        cur.forEach((k, v) -> both.merge(k, v, Long::sum));
        List<String> top = both.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_CATEGORIES).map(Map.Entry::getKey).toList();
        List<String> names = new ArrayList<>(top);
        boolean pooled = both.size() > top.size();
        if (pooled) {
            names.add(OTHER);
        }
        double[] rs = new double[names.size()];
        double[] cs = new double[names.size()];
        boolean[] isNew = new boolean[names.size()];
        for (int i = 0; i < top.size(); i++) {
            rs[i] = ref.getOrDefault(top.get(i), 0L) / (double) nr;
            cs[i] = cur.getOrDefault(top.get(i), 0L) / (double) nc;
            isNew[i] = !ref.containsKey(top.get(i));
        }
        if (pooled) {
            int o = names.size() - 1;
            rs[o] = Math.max(0, 1 - Arrays.stream(rs, 0, o).sum());
            cs[o] = Math.max(0, 1 - Arrays.stream(cs, 0, o).sum());
        }
        return new Categorical(names, rs, cs, isNew);
    }
}
