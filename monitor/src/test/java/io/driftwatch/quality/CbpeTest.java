package io.driftwatch.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.support.Scipy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Performance estimated without labels: isotonic calibration and ROC AUC equal to scikit-learn's; on
 * windows where the calibration holds the realized metrics fall inside the band; under covariate shift the
 * estimate follows the realized value; under concept shift it cannot.
 */
class CbpeTest {
    /** Scores of a model that ranks well but is miscalibrated: s = sigmoid(1.2 x); truth P(y) = sigmoid(2 (x − shift)). */
    private record Window(double[] scores, boolean[] labels) {
    }

    private static Window window(int n, double mean, double conceptShift, long seed) {
        Random r = new Random(seed);
        double[] s = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            double x = mean + r.nextGaussian();
            s[i] = 1 / (1 + Math.exp(-1.2 * x));
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-2 * (x - conceptShift)));
        }
        return new Window(s, y);
    }

    private static Map<String, Double> realized(Window w, double threshold) {
        double tp = 0;
        double fp = 0;
        double fn = 0;
        double tn = 0;
        for (int i = 0; i < w.scores().length; i++) {
            boolean predicted = w.scores()[i] >= threshold;
            if (predicted) {
                tp += w.labels()[i] ? 1 : 0;
                fp += w.labels()[i] ? 0 : 1;
            } else {
                fn += w.labels()[i] ? 1 : 0;
                tn += w.labels()[i] ? 0 : 1;
            }
        }
        double[] sorted = w.scores().clone();
        Integer[] order = new Integer[sorted.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(w.scores()[a], w.scores()[b]));
        double[] pos = new double[sorted.length];
        double[] neg = new double[sorted.length];
        for (int i = 0; i < order.length; i++) {
            sorted[i] = w.scores()[order[i]];
            pos[i] = w.labels()[order[i]] ? 1 : 0;
            neg[i] = 1 - pos[i];
        }
        return Map.of("accuracy", (tp + tn) / (tp + fp + fn + tn), "precision", tp / (tp + fp), "recall", tp / (tp + fn),
                "f1", 2 * tp / (2 * tp + fp + fn), "roc_auc", Cbpe.auc(sorted, pos, neg));
    }

    @Test
    void calibrationAndAucEqualScikitLearn() throws Exception {
        Window ref = window(3000, 0, 0, 1);
        double[] at = {-1, 0.05, 0.3, 0.5, 0.55, 0.77, 0.99, 2};
        List<Integer> labels = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        for (int i = 0; i < ref.scores().length; i++) {
            scores.add(Math.round(ref.scores()[i] * 100) / 100.0); // ties, as real scores have them
            labels.add(ref.labels()[i] ? 1 : 0);
        }
        double[] rounded = scores.stream().mapToDouble(Double::doubleValue).toArray();
        Isotonic iso = Isotonic.fit(rounded, ref.labels());
        List<JsonNode> sk = Scipy.run(List.of(
                Map.of("kind", "isotonic", "scores", scores, "labels", labels, "at", at),
                Map.of("kind", "roc_auc", "scores", scores, "labels", labels)));
        for (int i = 0; i < at.length; i++) {
            assertThat(iso.apply(at[i])).as("at %s", at[i]).isCloseTo(sk.get(0).get("predicted").get(i).asDouble(), within(1e-12));
        }
        assertThat(realized(new Window(rounded, ref.labels()), 0.5).get("roc_auc"))
                .isCloseTo(sk.get(1).get("auc").asDouble(), within(1e-12));
        Map<String, Double> ours = Cbpe.realized(rounded, ref.labels(), 0.5);
        realized(new Window(rounded, ref.labels()), 0.5).forEach((m, v) -> assertThat(ours.get(m)).as(m).isCloseTo(v, within(1e-12)));
    }

    @Test
    void realizedValuesFallInsideTheBandWhereTheCalibrationHolds() {
        Window ref = window(5000, 0, 0, 2);
        Cbpe cbpe = Cbpe.fit(ref.scores(), ref.labels(), 0.5);
        Map<String, Integer> inside = new java.util.HashMap<>();
        int windows = 200;
        for (int w = 0; w < windows; w++) {
            Window cur = window(1000, 0, 0, 100 + w);
            Map<String, Cbpe.Estimate> e = cbpe.estimate(cur.scores(), w);
            realized(cur, 0.5).forEach((m, v) -> {
                if (v >= e.get(m).lower() && v <= e.get(m).upper()) {
                    inside.merge(m, 1, Integer::sum);
                }
            });
        }
        for (String m : Cbpe.METRICS) {
            assertThat(inside.getOrDefault(m, 0) / (double) windows).as(m).isGreaterThanOrEqualTo(0.90);
        }
    }

    @Test
    void theEstimateFollowsACovariateShiftButNotAConceptShift() {
        Window ref = window(5000, 0, 0, 3);
        Cbpe cbpe = Cbpe.fit(ref.scores(), ref.labels(), 0.5);
        Window shifted = window(5000, 1.5, 0, 4); // more positives, predicted with more confidence
        Map<String, Cbpe.Estimate> e = cbpe.estimate(shifted.scores(), 1);
        Map<String, Double> real = realized(shifted, 0.5);
        Map<String, Double> before = realized(window(5000, 0, 0, 5), 0.5);
        for (String m : List.of("accuracy", "precision", "recall", "f1")) {
            assertThat(Math.abs(real.get(m) - before.get(m))).as("%s moved", m).isGreaterThan(0.03);
            assertThat(e.get(m).value()).as(m).isCloseTo(real.get(m), within(0.02));
        }
        Window concept = window(5000, 0, 1, 6); // the same inputs, fewer positives among them
        double estimated = cbpe.estimate(concept.scores(), 2).get("precision").value();
        assertThat(realized(concept, 0.5).get("precision")).as("realized precision falls").isLessThan(estimated - 0.15);
    }
}
