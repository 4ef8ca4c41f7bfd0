package io.driftwatch.drift;

import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.apache.commons.math3.util.ArithmeticUtils;

/**
 * The two-sample, two-sided Kolmogorov-Smirnov test as SciPy's {@code ks_2samp(method='auto')} computes
 * it: the statistic exact with ties, the exact null distribution when both samples have at most
 * {@value #MAX_EXACT_N} values, Smirnov's asymptotic distribution above that (or when the exact
 * computation leaves floating-point range).
 */
public final class KolmogorovSmirnov {
    /** SciPy's MAX_AUTO_N: the largest sample for which 'auto' uses the exact distribution. */
    public static final int MAX_EXACT_N = 10_000;
    private static final KolmogorovSmirnovTest ONE_SAMPLE = new KolmogorovSmirnovTest();

    private KolmogorovSmirnov() {
    }

    /** The statistic and p-value, with the method that gave the p-value. */
    public record Result(double statistic, double pValue, boolean exact) {
    }

    /** Both arrays sorted ascending, without NaN, each with at least one value. */
    public static Result test(double[] a, double[] b) {
        int n = a.length;
        int m = b.length;
        long maxGap = maxScaledGap(a, b);
        long g = ArithmeticUtils.gcd(n, m);
        double d = (double) maxGap / ((double) n * m);
        if (Math.max(n, m) <= MAX_EXACT_N) {
            long h = maxGap / g;
            double p = h == 0 ? 1.0 : exactPValue(n, m, (int) g, h);
            if (p >= 0 && p <= 1) {
                return new Result(d, p, true);
            }
        }
        return new Result(d, asymptoticPValue(d, n, m), false);
    }

    /**
     * max over all values x of |n_a(x)·m − n_b(x)·n|, where n_a(x) counts the values ≤ x: the statistic
     * times n·m, as an exact integer (so ties and the exact lattice height need no rounding).
     */
    static long maxScaledGap(double[] a, double[] b) {
        int n = a.length;
        int m = b.length;
        int i = 0;
        int j = 0;
        long best = 0;
        // A strictly smaller head moves alone: every state it passes through is a valid evaluation point.
        // Equal heads are consumed together, so no state mixes F_a(x) with F_b(x-).
        while (i < n && j < m) {
            double x = a[i];
            double y = b[j];
            if (x != y) {
                int lt = x < y ? 1 : 0; // branch-free advance: random interleavings defeat the predictor
                i += lt;
                j += 1 - lt;
            } else {
                do {
                    i++;
                } while (i < n && a[i] == x);
                do {
                    j++;
                } while (j < m && b[j] == x);
            }
            long gap = Math.abs((long) i * m - (long) j * n);
            best = Math.max(best, gap);
        }
        return best;
    }

    /** Exact P(D ≥ h/lcm); NaN when the computation overflows. */
    private static double exactPValue(int n, int m, int g, long h) {
        double p = n == m ? outsideSquare(n, (int) h) : outsideLattice(n, m, g, h);
        return Double.isFinite(p) ? p : Double.NaN;
    }

    /** Equal sizes: the proportion of lattice paths that leave the band |x − y| < h (Gnedenko-Korolyuk). */
    private static double outsideSquare(int n, int h) {
        double p = 0.0;
        for (int k = n / h; k >= 0; k--) {
            double term = 1.0;
            for (int j = 0; j < h; j++) {
                term = (n - (double) k * h - j) * term / (n + (double) k * h + j + 1);
            }
            p = term * (1.0 - p);
        }
        return 2 * p;
    }

    /**
     * Unequal sizes: the proportion of monotone lattice paths from (0,0) to (m,n) that touch or leave the
     * band |x·n/g − y·m/g| < h, by Hodges' inside method in Viehmann's form, which carries 1 − p directly
     * in one sliding column and so stays within floating-point range.
     */
    private static double outsideLattice(int a, int b, int g, long h) {
        int m = Math.max(a, b);
        int n = Math.min(a, b);
        long mg = m / g;
        long ng = n / g;
        int minj = 0;
        int maxj = (int) Math.min(ceilDiv(h, mg), n + 1);
        int curlen = maxj - minj;
        double[] col = new double[n + 1];
        java.util.Arrays.fill(col, 1.0);
        java.util.Arrays.fill(col, minj, maxj, 0.0);
        for (int i = 1; i <= m; i++) {
            int lastMinj = minj;
            int lastLen = curlen;
            minj = (int) Math.min(Math.max(Math.floorDiv(ng * i - h, mg) + 1, 0), n);
            maxj = (int) Math.min(ceilDiv(ng * i + h, mg), n + 1);
            if (maxj <= minj) {
                return 1.0;
            }
            double val = minj == 0 ? 0.0 : 1.0;
            for (int jj = 0; jj < maxj - minj; jj++) {
                int j = jj + minj;
                val = (col[jj + minj - lastMinj] * i + val * j) / (i + j);
                col[jj] = val;
            }
            curlen = maxj - minj;
            if (lastLen > curlen) {
                java.util.Arrays.fill(col, curlen, lastLen, 1.0);
            }
        }
        return col[maxj - minj - 1];
    }

    private static long ceilDiv(long x, long y) {
        return -Math.floorDiv(-x, y);
    }

    /** Smirnov's limit as SciPy applies it: the one-sample KS distribution at n = round(nm/(n+m)). */
    static double asymptoticPValue(double d, int n, int m) {
        double big = Math.max(n, m);
        double small = Math.min(n, m);
        int en = (int) Math.round(big * small / (big + small));
        if (d <= 0) {
            return 1.0;
        }
        double sf = 1.0 - ONE_SAMPLE.cdf(d, Math.max(en, 1));
        return Math.min(1.0, Math.max(0.0, sf));
    }
}
