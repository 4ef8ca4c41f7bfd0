package io.driftwatch.quality;

import java.util.Arrays;

/**
 * Isotonic regression of a 0/1 outcome on a score (pool adjacent violators), as scikit-learn's
 * {@code IsotonicRegression(out_of_bounds="clip")}: equal scores are pooled first, the fitted values are
 * non-decreasing in the score, and a new score is interpolated linearly between the fitted points and
 * clipped at the ends. It turns a classifier's scores into calibrated probabilities.
 */
public final class Isotonic {
    private final double[] x;
    private final double[] y;

    private Isotonic(double[] x, double[] y) {
        this.x = x;
        this.y = y;
    }

    /** Fits on scores (finite) and outcomes of the same length; at least one pair. */
    public static Isotonic fit(double[] scores, boolean[] outcomes) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double[] xs = new double[scores.length];
        double[] sum = new double[scores.length];
        double[] weight = new double[scores.length];
        int n = 0;
        for (int i = 0; i < order.length; i++) {
            double s = scores[order[i]];
            if (n == 0 || xs[n - 1] != s) {
                xs[n++] = s;
            }
            sum[n - 1] += outcomes[order[i]] ? 1 : 0;
            weight[n - 1]++;
        }
        double[] blockValue = new double[n];
        double[] blockWeight = new double[n];
        int[] blockEnd = new int[n];
        int blocks = 0;
        for (int i = 0; i < n; i++) {
            blockValue[blocks] = sum[i] / weight[i];
            blockWeight[blocks] = weight[i];
            blockEnd[blocks] = i;
            blocks++;
            while (blocks > 1 && blockValue[blocks - 2] > blockValue[blocks - 1]) {
                double w = blockWeight[blocks - 2] + blockWeight[blocks - 1];
                blockValue[blocks - 2] = (blockValue[blocks - 2] * blockWeight[blocks - 2]
                        + blockValue[blocks - 1] * blockWeight[blocks - 1]) / w;
                blockWeight[blocks - 2] = w;
                blockEnd[blocks - 2] = blockEnd[blocks - 1];
                blocks--;
            }
        }
        double[] fitted = new double[n];
        for (int b = 0, start = 0; b < blocks; start = blockEnd[b] + 1, b++) {
            Arrays.fill(fitted, start, blockEnd[b] + 1, blockValue[b]);
        }
        return new Isotonic(Arrays.copyOf(xs, n), fitted);
    }

    /** The calibrated probability of a score. */
    public double apply(double score) {
        if (score <= x[0]) {
            return y[0];
        }
        if (score >= x[x.length - 1]) {
            return y[y.length - 1];
        }
        int i = Arrays.binarySearch(x, score);
        if (i >= 0) {
            return y[i];
        }
        int hi = -i - 1;
        int lo = hi - 1;
        return y[lo] + (y[hi] - y[lo]) * (score - x[lo]) / (x[hi] - x[lo]);
    }
}
