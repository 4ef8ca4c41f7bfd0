package io.driftwatch.bench;

import io.driftwatch.quality.Cbpe;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The validation of performance estimation without labels behind {@code bench/run cbpe}. A binary
 * classifier whose score ranks by x but is miscalibrated (s = sigmoid(1.2 x), truth P(y) = sigmoid(2 x));
 * calibrated on a labelled reference of 5,000 rows, x ~ N(0, 1); windows of 1,000 rows:
 * <ul>
 *   <li>no change (x ~ N(0, 1)): how often each realized metric falls inside the estimate's band;</li>
 *   <li>covariate shift (x ~ N(μ, 1), μ from −1.5 to 1.5): mean absolute error of the estimate against the
 *       realized value, beside the error of assuming the reference's performance;</li>
 *   <li>concept shift (inputs unchanged, truth P(y) = sigmoid(2 (x − 1))): the same errors, which CBPE cannot
 *       avoid.</li>
 * </ul>
 * Seeded, so the table reproduces exactly. Usage: CbpeStudy [windows]
 */
public final class CbpeStudy {
    private static final int REFERENCE = 5000;
    private static final int WINDOW = 1000;

    private CbpeStudy() {
    }

    private record Rows(double[] scores, boolean[] labels) {
    }

    private static Rows rows(Random r, int n, double mean, double concept) {
        double[] s = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            double x = mean + r.nextGaussian();
            s[i] = 1 / (1 + Math.exp(-1.2 * x));
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-2 * (x - concept)));
        }
        return new Rows(s, y);
    }

    public static void main(String[] args) {
        int windows = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        Random r = new Random(20261202);
        Rows ref = rows(r, REFERENCE, 0, 0);
        Cbpe cbpe = Cbpe.fit(ref.scores(), ref.labels(), 0.5);
        Map<String, Double> refRealized = Cbpe.realized(ref.scores(), ref.labels(), 0.5);
        int m = Cbpe.METRICS.length;
        int[] inside = new int[m];
        double[] covErr = new double[m];
        double[] covNaive = new double[m];
        double[] conErr = new double[m];
        for (int w = 0; w < windows; w++) {
            Rows quiet = rows(r, WINDOW, 0, 0);
            Map<String, Cbpe.Estimate> e = cbpe.estimate(quiet.scores(), w);
            Map<String, Double> real = Cbpe.realized(quiet.scores(), quiet.labels(), 0.5);
            double mean = -1.5 + 3.0 * w / Math.max(1, windows - 1);
            Rows shifted = rows(r, WINDOW, mean, 0);
            Map<String, Cbpe.Estimate> es = cbpe.estimate(shifted.scores(), w);
            Map<String, Double> rs = Cbpe.realized(shifted.scores(), shifted.labels(), 0.5);
            Rows concept = rows(r, WINDOW, 0, 1);
            Map<String, Cbpe.Estimate> ec = cbpe.estimate(concept.scores(), w);
            Map<String, Double> rc = Cbpe.realized(concept.scores(), concept.labels(), 0.5);
            for (int k = 0; k < m; k++) {
                String name = Cbpe.METRICS[k];
                Cbpe.Estimate q = e.get(name);
                inside[k] += real.get(name) >= q.lower() && real.get(name) <= q.upper() ? 1 : 0;
                covErr[k] += Math.abs(es.get(name).value() - rs.get(name)) / windows;
                covNaive[k] += Math.abs(refRealized.get(name) - rs.get(name)) / windows;
                conErr[k] += Math.abs(ec.get(name).value() - rc.get(name)) / windows;
            }
        }
        System.out.printf(Locale.ROOT, "%d windows of %d rows, reference %d rows%n", windows, WINDOW, REFERENCE);
        System.out.println("| metric | realized inside the band, no change | MAE under covariate shift: CBPE | "
                + "MAE assuming the reference's value | MAE under concept shift: CBPE |");
        System.out.println("|---|---|---|---|---|");
        double worst = 1;
        for (int k = 0; k < m; k++) {
            double share = inside[k] / (double) windows;
            worst = Math.min(worst, share);
            System.out.printf(Locale.ROOT, "| %s | %.1f%% | %.4f | %.4f | %.4f |%n", Cbpe.METRICS[k], 100 * share,
                    covErr[k], covNaive[k], conErr[k]);
        }
        System.out.printf(Locale.ROOT, "CBPE: realized inside the band in at least %.1f%% of unchanged windows (goal >= 90%%)%n",
                100 * worst);
    }
}
