package io.driftwatch.drift;

import java.util.Arrays;
import java.util.Locale;
import java.util.TreeSet;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * The statistics of a current window that the source counted into bins (pushdown mode) against an
 * exact or sketched reference. The bin edges are the reference's PSI edges plus its quantiles on a fine
 * grid, so PSI and Jensen-Shannon shares are exact; KS is D on the grid, with the bound the bins allow on
 * the true D; Wasserstein integrates the two CDFs between the edges.
 */
public final class BinnedStats {
    /** Reference quantiles i/GRID that become bin edges. */
    public static final int GRID = 1000;

    private BinnedStats() {
    }

    /** The edges the source counts a numeric column into: PSI edges plus the reference's fine quantiles. */
    public static double[] edges(ColumnReference reference) {
        return edges(reference, GRID);
    }

    /** As above with quantiles i/grid. */
    public static double[] edges(ColumnReference reference, int grid) {
        TreeSet<Double> out = new TreeSet<>();
        double[] ranks = new double[grid - 1];
        for (int i = 1; i < grid; i++) {
            ranks[i - 1] = (double) i / grid;
        }
        if (reference instanceof ColumnReference.Numeric n) {
            if (n.sample().sorted().length == 0) {
                return new double[0];
            }
            Arrays.stream(n.edges()).forEach(out::add);
            Arrays.stream(ranks).forEach(q -> out.add(Psi.quantile(n.sample().sorted(), q) + 0.0));
        } else if (reference instanceof ColumnReference.NumericSketch k && !k.sample().sketch().isEmpty()) {
            Arrays.stream(k.edges()).forEach(out::add);
            Arrays.stream(k.sample().sketch().getQuantiles(ranks, QuantileSearchCriteria.INCLUSIVE))
                    .forEach(v -> out.add(v + 0.0));
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** KS on the grid: D at the edges (a lower bound on the true D), the upper bound, and the p-value of D. */
    public record Ks(double statistic, double upperBound, double pValue) {
        String note(int bins) {
            return String.format(Locale.ROOT, "approximate: %d range bins, true D in [%.4f, %.4f]", bins, statistic,
                    upperBound);
        }
    }

    static Ks ks(ColumnReference reference, Sample.Binned current) {
        double[] e = current.edges();
        double[] ref = referenceBelow(reference, e);
        double n = current.size();
        double lo = 0;
        double hi = 0;
        double cumCur = 0;
        double prevRef = 0;
        double prevCur = 0;
        for (int i = 0; i <= e.length; i++) {
            cumCur += current.counts()[i];
            double r = i < e.length ? ref[i] : 1.0;
            double c = i < e.length ? cumCur / n : 1.0;
            lo = Math.max(lo, Math.abs(r - c));
            hi = Math.max(hi, Math.max(r - prevCur, c - prevRef));
            prevRef = r;
            prevCur = c;
        }
        long m = reference.sample().size();
        double p = KolmogorovSmirnov.asymptoticPValue(lo, (int) Math.min(m, Integer.MAX_VALUE),
                (int) Math.min(current.size(), Integer.MAX_VALUE));
        return new Ks(lo, Math.max(lo, hi), p);
    }

    static TestOutcome ksOutcome(String name, ColumnReference reference, Sample.Binned current) {
        Ks r = ks(reference, current);
        return new TestOutcome(name, TestKind.P_VALUE, r.statistic(), r.pValue(), null,
                r.note(current.counts().length), java.util.List.of());
    }

    /** Shares of the current window in the reference's PSI bins, exact from the counts. */
    static double[] shares(double[] psiEdges, Sample.Binned current) {
        double n = current.size();
        double[] out = new double[psiEdges.length + 1];
        double prev = 0;
        for (int i = 0; i < psiEdges.length; i++) {
            double below = current.below(psiEdges[i]);
            out[i] = (below - prev) / n;
            prev = below;
        }
        out[psiEdges.length] = (n - prev) / n;
        return out;
    }

    /** ∫ |F_ref − F_cur| dx, both CDFs taken at the edges and at the extremes, trapezoids between. */
    static double wasserstein(ColumnReference reference, Sample.Binned current) {
        double[] e = current.edges();
        double[] ref = referenceBelow(reference, e);
        double[] bounds = referenceBounds(reference);
        double lo = Math.min(bounds[0], current.min());
        double hi = Math.max(bounds[1], current.max());
        double n = current.size();
        double sum = 0;
        double x = lo;
        double gap = 0;
        long cum = 0;
        for (int i = 0; i < e.length; i++) {
            cum += current.counts()[i];
            double g = Math.abs(ref[i] - cum / n);
            sum += (e[i] - x) * (gap + g) / 2;
            x = e[i];
            gap = g;
        }
        return sum + (hi - x) * gap / 2;
    }

    /** The fraction of the reference below each edge. */
    private static double[] referenceBelow(ColumnReference reference, double[] edges) {
        if (reference instanceof ColumnReference.NumericSketch k) {
            return edges.length == 0 ? edges : k.sample().sketch().getCDF(edges, QuantileSearchCriteria.EXCLUSIVE);
        }
        double[] sorted = ((ColumnReference.Numeric) reference).sample().sorted();
        double[] out = new double[edges.length];
        for (int i = 0; i < edges.length; i++) {
            int at = Arrays.binarySearch(sorted, edges[i]);
            if (at < 0) {
                at = -at - 1;
            } else {
                while (at > 0 && sorted[at - 1] == edges[i]) {
                    at--;
                }
            }
            out[i] = (double) at / sorted.length;
        }
        return out;
    }

    private static double[] referenceBounds(ColumnReference reference) {
        if (reference instanceof ColumnReference.NumericSketch k) {
            return new double[] {k.sample().sketch().getMinItem(), k.sample().sketch().getMaxItem()};
        }
        double[] s = ((ColumnReference.Numeric) reference).sample().sorted();
        return new double[] {s[0], s[s.length - 1]};
    }
}
