package io.driftwatch.quality;

import io.driftwatch.source.PredictionRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes model quality from records that carry a ground-truth label. Classification when labels are
 * 0/1, booleans or text classes: a numeric prediction is a score (positive at 0.5, and ROC AUC is
 * computed from it), a text prediction a class (the positive class is {@code positive}, default "1",
 * "true" or "yes"). Regression when labels are other numbers: MAE and RMSE.
 */
public final class Quality {
    private static final Set<String> POSITIVE = Set.of("1", "1.0", "true", "yes");

    private Quality() {
    }

    public static QualityReport of(List<PredictionRecord> records) {
        List<PredictionRecord> labelled = records.stream().filter(r -> r.label() != null && r.prediction() != null).toList();
        if (labelled.isEmpty()) {
            return QualityReport.none();
        }
        boolean binary = labelled.stream().allMatch(r -> isClassLabel(r.label()));
        return binary ? classification(labelled) : regression(labelled);
    }

    /** Whether a label is a class (0/1, a boolean or a text) rather than a number to regress. */
    public static boolean isClassLabel(Object label) {
        if (label instanceof Double d) {
            return d == 0 || d == 1;
        }
        return true;
    }

    /** Whether a prediction or label is the positive class (a score at or above 0.5, 1, true, yes). */
    public static boolean positive(Object v) {
        if (v instanceof Double d) {
            return d >= 0.5;
        }
        return POSITIVE.contains(String.valueOf(v).toLowerCase(java.util.Locale.ROOT));
    }

    private static QualityReport classification(List<PredictionRecord> rs) {
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        List<double[]> scored = new ArrayList<>();
        for (PredictionRecord r : rs) {
            boolean actual = positive(r.label());
            boolean predicted = positive(r.prediction());
            if (predicted) {
                if (actual) {
                    tp++;
                } else {
                    fp++;
                }
            } else if (actual) {
                fn++;
            } else {
                tn++;
            }
            if (r.prediction() instanceof Double score) {
                scored.add(new double[] {score, actual ? 1 : 0});
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy", (double) (tp + tn) / rs.size());
        double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        m.put("precision", precision);
        m.put("recall", recall);
        m.put("f1", precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
        if (scored.size() == rs.size()) {
            Double auc = rocAuc(scored);
            if (auc != null) {
                m.put("roc_auc", auc);
            }
        }
        return new QualityReport("classification", rs.size(), m);
    }

    /** ROC AUC as the Mann-Whitney probability that a positive outscores a negative, ties counting half. */
    static Double rocAuc(List<double[]> scored) {
        double[][] s = scored.toArray(double[][]::new);
        Arrays.sort(s, (a, b) -> Double.compare(a[0], b[0]));
        long positives = Arrays.stream(s).filter(x -> x[1] == 1).count();
        long negatives = s.length - positives;
        if (positives == 0 || negatives == 0) {
            return null;
        }
        double rankSum = 0;
        int i = 0;
        while (i < s.length) {
            int j = i;
            while (j < s.length && s[j][0] == s[i][0]) {
                j++;
            }
            double midRank = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) {
                rankSum += s[k][1] == 1 ? midRank : 0;
            }
            i = j;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    private static QualityReport regression(List<PredictionRecord> rs) {
        double abs = 0;
        double sq = 0;
        long n = 0;
        for (PredictionRecord r : rs) {
            if (r.label() instanceof Double y && r.prediction() instanceof Double p) {
                abs += Math.abs(p - y);
                sq += (p - y) * (p - y);
                n++;
            }
        }
        if (n == 0) {
            return QualityReport.none();
        }
        return new QualityReport("regression", n, Map.of("mae", abs / n, "rmse", Math.sqrt(sq / n)));
    }
}
