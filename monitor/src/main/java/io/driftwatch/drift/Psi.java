package io.driftwatch.drift;

import java.util.Arrays;

/**
 * Population Stability Index with Driftwatch's binning contract: 10 bins whose inner edges are the
 * reference's quantiles i/10 (linear interpolation between order statistics, NumPy's default),
 * duplicate edges merged, outer bins open; a value equal to an edge goes to the bin above; a zero
 * share becomes 0.0001.
 */
public final class Psi {
    public static final int BINS = 10;
    public static final double EMPTY_SHARE = 1e-4;

    private Psi() {
    }

    /** The inner bin edges, from a sorted, non-empty reference. */
    public static double[] edges(double[] sortedReference) {
        double[] e = new double[BINS - 1];
        for (int i = 1; i < BINS; i++) {
            e[i - 1] = quantile(sortedReference, (double) i / BINS) + 0.0; // -0.0 and 0.0 are one edge
        }
        return Arrays.stream(e).distinct().toArray();
    }

    /** NumPy's linear quantile: position (n−1)·q between order statistics. */
    static double quantile(double[] sorted, double q) {
        double pos = (sorted.length - 1) * q;
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double frac = pos - lo;
        if (frac == 0 || sorted[lo] == sorted[hi]) {
            return sorted[lo];
        }
        if (Double.isInfinite(sorted[lo]) || Double.isInfinite(sorted[hi])) {
            return frac < 0.5 ? sorted[lo] : sorted[hi]; // no interpolation towards an infinity
        }
        return sorted[lo] + frac * (sorted[hi] - sorted[lo]);
    }

    /** Each bin's share of a sorted sample, before the empty-bin substitution. */
    public static double[] shares(double[] sorted, double[] edges) {
        double[] out = new double[edges.length + 1];
        int start = 0;
        for (int b = 0; b < edges.length; b++) {
            int end = firstGreaterOrEqual(sorted, edges[b], start);
            out[b] = end - start;
            start = end;
        }
        out[edges.length] = sorted.length - start;
        for (int b = 0; b < out.length; b++) {
            out[b] /= sorted.length;
        }
        return out;
    }

    /** Σ (cur − ref)·ln(cur/ref), with zero shares replaced by {@link #EMPTY_SHARE}. */
    public static double index(double[] reference, double[] current) {
        double sum = 0;
        for (int i = 0; i < reference.length; i++) {
            double r = reference[i] == 0 ? EMPTY_SHARE : reference[i];
            double c = current[i] == 0 ? EMPTY_SHARE : current[i];
            sum += (c - r) * Math.log(c / r);
        }
        return sum;
    }

    private static int firstGreaterOrEqual(double[] sorted, double x, int from) {
        int lo = from;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
