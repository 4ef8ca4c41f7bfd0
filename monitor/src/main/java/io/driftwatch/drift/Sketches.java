package io.driftwatch.drift;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * The statistics in sketch mode, computed from Apache DataSketches summaries: KLL for numeric columns,
 * frequent items for categorical ones. Every result is approximate and says so.
 */
public final class Sketches {
    /** KLL's k: whylogs found k = 256 too unstable for KS p-values and moved to 1024. */
    public static final int KLL_K = 1024;
    /** Frequent-items map size: categories beyond the most frequent few hundred are pooled. */
    public static final int ITEMS_MAP = 512;
    /** The pooled bucket of categories the frequent-items sketch does not keep. */
    public static final String OTHER = "__other__";
    private static final int W1_GRID = 2000;

    private Sketches() {
    }

    public static KllDoublesSketch newNumeric() {
        return KllDoublesSketch.newHeapInstance(KLL_K);
    }

    public static ItemsSketch<String> newCategorical() {
        return new ItemsSketch<>(ITEMS_MAP);
    }

    /** A numeric sample summarized as a sketch. */
    public static Sample.NumericSketch of(Sample.Numeric s) {
        KllDoublesSketch k = newNumeric();
        for (double v : s.sorted()) {
            k.update(v);
        }
        return new Sample.NumericSketch(k, s.missing());
    }

    /** PSI's inner edges at the sketch's quantiles i/10, duplicates merged. */
    static double[] psiEdges(KllDoublesSketch s) {
        double[] ranks = new double[Psi.BINS - 1];
        for (int i = 1; i < Psi.BINS; i++) {
            ranks[i - 1] = (double) i / Psi.BINS;
        }
        return Arrays.stream(s.getQuantiles(ranks, QuantileSearchCriteria.INCLUSIVE)).map(v -> v + 0.0)
                .distinct().toArray();
    }

    /** Bin shares from ranks: a value equal to an edge goes to the bin above it (exclusive search). */
    static double[] shares(KllDoublesSketch s, double[] edges) {
        if (edges.length == 0) {
            return new double[] {1.0};
        }
        double[] cdf = s.getCDF(edges, QuantileSearchCriteria.EXCLUSIVE);
        double[] out = new double[edges.length + 1];
        double prev = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(0, cdf[i] - prev);
            prev = cdf[i];
        }
        return out;
    }

    /** KS D, a p-value, and the rank error both sketches add up to. */
    record KsResult(double statistic, double pValue, double rankError) {
    }

    /**
     * KS between two sketches: D as DataSketches computes it; the p-value is Smirnov's asymptotic one for
     * D less the sum of both sketches' normalized rank errors (as DataSketches' own threshold adds them),
     * so sketch error can make the test more conservative, never less.
     */
    static KsResult ks(KllDoublesSketch a, KllDoublesSketch b) {
        double d = org.apache.datasketches.quantilescommon.KolmogorovSmirnov.computeKSDelta(a, b);
        double err = a.getNormalizedRankError(false) + b.getNormalizedRankError(false);
        long n = a.getN();
        long m = b.getN();
        double p = KolmogorovSmirnov.asymptoticPValue(Math.max(0, d - err), (int) Math.min(n, Integer.MAX_VALUE),
                (int) Math.min(m, Integer.MAX_VALUE));
        return new KsResult(d, p, err);
    }

    /** Wasserstein-1 as the integral of |Q_a(p) − Q_b(p)| over p, on a grid of quantile ranks. */
    static double wasserstein(KllDoublesSketch a, KllDoublesSketch b) {
        double[] ranks = new double[W1_GRID];
        for (int i = 0; i < W1_GRID; i++) {
            ranks[i] = (i + 0.5) / W1_GRID;
        }
        double[] qa = a.getQuantiles(ranks, QuantileSearchCriteria.INCLUSIVE);
        double[] qb = b.getQuantiles(ranks, QuantileSearchCriteria.INCLUSIVE);
        double sum = 0;
        for (int i = 0; i < W1_GRID; i++) {
            sum += Math.abs(qa[i] - qb[i]);
        }
        return sum / W1_GRID;
    }

    /** A standard deviation estimate from the sketch's quartiles (IQR / 1.349), for normalizing W1. */
    static double spread(KllDoublesSketch s) {
        double[] q = s.getQuantiles(new double[] {0.25, 0.75}, QuantileSearchCriteria.INCLUSIVE);
        return (q[1] - q[0]) / 1.349;
    }

    /** Category counts from a frequent-items sketch, with the rest pooled under {@link #OTHER}. */
    public static Sample.Categorical categorical(ItemsSketch<String> s, long missing) {
        Map<String, Long> counts = new HashMap<>();
        long kept = 0;
        for (ItemsSketch.Row<String> r : s.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES)) {
            counts.put(r.getItem(), r.getEstimate());
            kept += r.getEstimate();
        }
        long rest = s.getStreamLength() - kept;
        if (rest > 0) {
            counts.merge(OTHER, rest, Long::sum);
        }
        return new Sample.Categorical(counts, missing);
    }

    static String note(double rankError) {
        return String.format(java.util.Locale.ROOT, "approximate: KLL sketches (k=%d), rank error up to %.4f", KLL_K,
                rankError);
    }
}
