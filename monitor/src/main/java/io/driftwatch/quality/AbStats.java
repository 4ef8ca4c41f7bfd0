package io.driftwatch.quality;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * A/B statistics between a baseline and a candidate version, valid when they are looked at every
 * interval. A difference (candidate − baseline) comes with its fixed-horizon confidence interval and
 * p-value (as statsmodels computes them) and with an always-valid p-value from the mixture sequential
 * probability ratio test (mSPRT; Johari, Pekelis and Walsh, "Always Valid Inference", 2017): with the
 * estimate θ̂ of the difference, its variance V = Var(θ̂) at the current sample sizes and a normal
 * mixing distribution N(0, τ²) over the true difference,
 *
 * <pre>  Λ = sqrt(V / (V + τ²)) · exp( τ² θ̂² / (2 V (V + τ²)) ),   p = min(1, 1/Λ)</pre>
 *
 * Under no difference Λ is a nonnegative martingale, so by Ville's inequality the chance that it ever
 * exceeds 1/α, at any number of looks, is at most α: rejecting when p ≤ α stays within α however often
 * the gate is asked. τ is the size of difference the test is tuned to detect.
 */
public final class AbStats {
    private static final NormalDistribution NORMAL = new NormalDistribution();

    private AbStats() {
    }

    /** A difference with its fixed-horizon interval and p-value, and its always-valid p-value. */
    public record Difference(double baseline, double candidate, double difference, double low, double high,
                             double pValue, double alwaysValidP, long nBaseline, long nCandidate) {
    }

    /**
     * Difference of proportions {@code x2/n2 − x1/n1}: Wald interval and z-test as statsmodels'
     * {@code confint_proportions_2indep(method="wald")} and {@code test_proportions_2indep(method="wald")}.
     */
    public static Difference proportions(long x1, long n1, long x2, long n2, double confidence, double tau) {
        double p1 = (double) x1 / n1;
        double p2 = (double) x2 / n2;
        double v = p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2;
        double d = p2 - p1;
        double se = Math.sqrt(v);
        double z = NORMAL.inverseCumulativeProbability(1 - (1 - confidence) / 2);
        double p = se == 0 ? (d == 0 ? 1 : 0) : 2 * NORMAL.cumulativeProbability(-Math.abs(d / se));
        return new Difference(p1, p2, d, d - z * se, d + z * se, p, alwaysValid(d, v, tau), n1, n2);
    }

    /**
     * Difference of means {@code mean2 − mean1} with unequal variances: Welch's t interval and test as
     * statsmodels' {@code CompareMeans.tconfint_diff(usevar="unequal")} and {@code ttest_ind(usevar="unequal")}.
     */
    public static Difference means(double[] a, double[] b, double confidence, double tau) {
        double m1 = mean(a);
        double m2 = mean(b);
        double v1 = variance(a, m1) / a.length;
        double v2 = variance(b, m2) / b.length;
        double v = v1 + v2;
        double d = m2 - m1;
        double se = Math.sqrt(v);
        double df = v * v / (v1 * v1 / (a.length - 1) + v2 * v2 / (b.length - 1));
        TDistribution t = new TDistribution(Double.isFinite(df) && df > 0 ? df : 1);
        double q = t.inverseCumulativeProbability(1 - (1 - confidence) / 2);
        double p = se == 0 ? (d == 0 ? 1 : 0) : 2 * t.cumulativeProbability(-Math.abs(d / se));
        return new Difference(m1, m2, d, d - q * se, d + q * se, p, alwaysValid(d, v, tau), a.length, b.length);
    }

    /** The mSPRT's always-valid p-value for an estimate with variance {@code v} (1 when nothing is known). */
    public static double alwaysValid(double estimate, double v, double tau) {
        if (!(v > 0) || !Double.isFinite(estimate)) {
            return 1;
        }
        double t2 = tau * tau;
        double logLambda = 0.5 * Math.log(v / (v + t2)) + t2 * estimate * estimate / (2 * v * (v + t2));
        return Math.min(1, Math.exp(-logLambda));
    }

    /** Sample ratio mismatch: Pearson's chi-square goodness of fit of counts to expected shares (scipy.stats.chisquare). */
    public static double sampleRatioP(long[] counts, double[] expectedShares) {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        double sumShares = 0;
        for (double s : expectedShares) {
            sumShares += s;
        }
        double chi2 = 0;
        for (int i = 0; i < counts.length; i++) {
            double e = n * expectedShares[i] / sumShares;
            chi2 += (counts[i] - e) * (counts[i] - e) / e;
        }
        return counts.length < 2 || n == 0 ? 1 : 1 - new ChiSquaredDistribution(counts.length - 1).cumulativeProbability(chi2);
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double variance(double[] x, double mean) {
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return x.length < 2 ? 0 : s / (x.length - 1);
    }
}
