package io.driftwatch.quality;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Confidence-based performance estimation of a binary classifier (as NannyML describes it): the scores
 * are calibrated on the labelled reference with isotonic regression, each window's calibrated
 * probabilities p give the expected confusion matrix at the decision threshold (TP = Σ p over predicted
 * positives, FP = Σ (1 − p) over them, FN and TN likewise over predicted negatives), and from it the
 * expected accuracy, precision, recall and F1; ROC AUC is the Mann-Whitney statistic with each record
 * counted p as a positive and 1 − p as a negative. The band is where the realized value would fall if the
 * calibration holds: labels drawn as Bernoulli(p), {@link #DRAWS} times, its 2.5 % and 97.5 % quantiles.
 * It sees a change in the inputs (covariate shift); it cannot see a change in P(label | score) (concept
 * shift), since that is exactly what it assumes fixed.
 */
public final class Cbpe {
    /** Simulated label sets per window for the band. */
    public static final int DRAWS = 200;
    public static final String[] METRICS = {"accuracy", "precision", "recall", "f1", "roc_auc"};

    private final Isotonic calibration;
    private final double threshold;

    public Cbpe(Isotonic calibration, double threshold) {
        this.calibration = calibration;
        this.threshold = threshold;
    }

    /** One metric's estimate and band. */
    public record Estimate(double value, double lower, double upper) {
    }

    /** Calibrates on the reference's labelled scores. */
    public static Cbpe fit(double[] scores, boolean[] labels, double threshold) {
        return new Cbpe(Isotonic.fit(scores, labels), threshold);
    }

    /** The estimates of a window's scores (NaN where a metric is undefined, e.g. no predicted positives). */
    public Map<String, Estimate> estimate(double[] scores, long seed) {
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        double[] p = new double[sorted.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = calibration.apply(sorted[i]);
        }
        double[] neg = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            neg[i] = 1 - p[i];
        }
        double[] expected = metrics(sorted, p, neg);
        double[][] drawn = new double[METRICS.length][DRAWS];
        Random r = new Random(seed);
        double[] y = new double[p.length];
        double[] notY = new double[p.length];
        for (int d = 0; d < DRAWS; d++) {
            for (int i = 0; i < p.length; i++) {
                y[i] = r.nextDouble() < p[i] ? 1 : 0;
                notY[i] = 1 - y[i];
            }
            double[] m = metrics(sorted, y, notY);
            for (int k = 0; k < METRICS.length; k++) {
                drawn[k][d] = m[k];
            }
        }
        Map<String, Estimate> out = new LinkedHashMap<>();
        for (int k = 0; k < METRICS.length; k++) {
            double[] v = Arrays.stream(drawn[k]).filter(Double::isFinite).sorted().toArray();
            out.put(METRICS[k], new Estimate(expected[k], quantile(v, 0.025), quantile(v, 0.975)));
        }
        return out;
    }

    /** The realized metrics of labelled scores at {@code threshold}, by name. */
    public static Map<String, Double> realized(double[] scores, boolean[] labels, double threshold) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double[] sorted = new double[scores.length];
        double[] pos = new double[scores.length];
        double[] neg = new double[scores.length];
        for (int i = 0; i < order.length; i++) {
            sorted[i] = scores[order[i]];
            pos[i] = labels[order[i]] ? 1 : 0;
            neg[i] = 1 - pos[i];
        }
        double[] m = new Cbpe(null, threshold).metrics(sorted, pos, neg);
        Map<String, Double> out = new LinkedHashMap<>();
        for (int k = 0; k < METRICS.length; k++) {
            out.put(METRICS[k], m[k]);
        }
        return out;
    }

    /** accuracy, precision, recall, f1, roc_auc of scores sorted ascending with positive and negative weights. */
    private double[] metrics(double[] sorted, double[] pos, double[] neg) {
        double tp = 0;
        double fp = 0;
        double fn = 0;
        double tn = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] >= threshold) {
                tp += pos[i];
                fp += neg[i];
            } else {
                fn += pos[i];
                tn += neg[i];
            }
        }
        double n = tp + fp + fn + tn;
        return new double[] {(tp + tn) / n, tp / (tp + fp), tp / (tp + fn), 2 * tp / (2 * tp + fp + fn),
            auc(sorted, pos, neg)};
    }

    /** Σ over positives of the negatives below (ties half), over P·N; scores sorted ascending. */
    static double auc(double[] sorted, double[] pos, double[] neg) {
        double below = 0;
        double sum = 0;
        double totalPos = 0;
        int i = 0;
        while (i < sorted.length) {
            int j = i;
            double p = 0;
            double q = 0;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                p += pos[j];
                q += neg[j];
                j++;
            }
            sum += p * (below + 0.5 * q);
            below += q;
            totalPos += p;
            i = j;
        }
        return sum / (totalPos * below);
    }

    private static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double at = q * (sorted.length - 1);
        int lo = (int) Math.floor(at);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
    }
}
