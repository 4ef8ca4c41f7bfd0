package io.driftwatch.bench;

import io.driftwatch.quality.Cbpe;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Driftwatch's side of the peers benchmark's performance estimation: {@code reference.npy} (columns score,
 * label) calibrates the estimator, {@code SCENARIO.npy} (score, label, window) is cut into its windows, and
 * each window's estimate and realized value are printed as one JSON line per window and metric.
 * Usage: CbpeWindows DIR SCENARIO...
 */
public final class CbpeWindows {
    private CbpeWindows() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        double[][] ref = Npy.columns(dir.resolve("reference.npy"));
        Cbpe cbpe = Cbpe.fit(ref[0], labels(ref[1], 0, ref[1].length), 0.5);
        for (int a = 1; a < args.length; a++) {
            double[][] rows = Npy.columns(dir.resolve(args[a] + ".npy"));
            int start = 0;
            for (int i = 1; i <= rows[0].length; i++) {
                if (i == rows[0].length || rows[2][i] != rows[2][start]) {
                    double[] scores = java.util.Arrays.copyOfRange(rows[0], start, i);
                    boolean[] y = labels(rows[1], start, i);
                    Map<String, Cbpe.Estimate> est = cbpe.estimate(scores, (long) rows[2][start]);
                    Map<String, Double> real = Cbpe.realized(scores, y, 0.5);
                    for (String m : Cbpe.METRICS) {
                        System.out.printf(Locale.ROOT, "{\"scenario\": \"%s\", \"window\": %d, \"metric\": \"%s\", "
                                + "\"estimated\": %.6f, \"lower\": %.6f, \"upper\": %.6f, \"realized\": %.6f}%n", args[a],
                                (long) rows[2][start], m, est.get(m).value(), est.get(m).lower(), est.get(m).upper(), real.get(m));
                    }
                    start = i;
                }
            }
        }
    }

    private static boolean[] labels(double[] column, int from, int to) {
        boolean[] y = new boolean[to - from];
        for (int i = from; i < to; i++) {
            y[i - from] = column[i] > 0.5;
        }
        return y;
    }
}
