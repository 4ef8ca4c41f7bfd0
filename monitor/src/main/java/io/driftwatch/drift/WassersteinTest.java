package io.driftwatch.drift;

import java.util.Set;
import java.util.List;

/**
 * Wasserstein-1 (earth mover's) distance between the two empirical distributions, as SciPy's
 * {@code wasserstein_distance}, and the same divided by the reference's standard deviation (population,
 * ddof = 0), which is what the threshold applies to. With a zero-spread reference the normalized value
 * is undefined and says so.
 */
public final class WassersteinTest extends BaseTest {

    public WassersteinTest() {
        super(new TestDefaults("wasserstein", TestKind.DISTANCE, Set.of(ColumnType.NUMERIC), 0.1, null,
                TestDefaults.Counting.RANGES, true, true));
    }

    @Override
    public TestOutcome run(ColumnReference reference, Sample current) {
        if (current instanceof Sample.Binned b) {
            double w = BinnedStats.wasserstein(reference, b);
            double sd = reference instanceof ColumnReference.NumericSketch sk ? Sketches.spread(sk.sample().sketch())
                    : standardDeviation(((ColumnReference.Numeric) reference).sample().sorted());
            return new TestOutcome(name(), kind(), w, null, sd > 0 ? w / sd : null,
                    "approximate: integrated over " + b.counts().length + " range bins", List.of());
        }
        if (reference instanceof ColumnReference.NumericSketch sk) {
            var a = sk.sample().sketch();
            double w = Sketches.wasserstein(a, ((Sample.NumericSketch) current).sketch());
            double sd = Sketches.spread(a);
            return new TestOutcome(name(), kind(), w, null, sd > 0 ? w / sd : null,
                    "approximate: KLL quantiles; normalized by IQR/1.349", List.of());
        }
        double[] ref = ((ColumnReference.Numeric) reference).sample().sorted();
        double w = distance(ref, ((Sample.Numeric) current).sorted());
        double sd = standardDeviation(ref);
        Double normalized = sd > 0 ? w / sd : null;
        String note = sd > 0 ? null : "normalized distance undefined: the reference has zero spread";
        return new TestOutcome(name(), kind(), w, null, normalized, note, List.of());
    }

    /** ∫ |F_a − F_b| dx over the merged support, both arrays sorted. */
    static double distance(double[] a, double[] b) {
        int i = 0;
        int j = 0;
        double sum = 0;
        double prev = Math.min(a[0], b[0]);
        while (i < a.length || j < b.length) {
            double x = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
            sum += Math.abs((double) i / a.length - (double) j / b.length) * (x - prev);
            while (i < a.length && a[i] == x) {
                i++;
            }
            while (j < b.length && b[j] == x) {
                j++;
            }
            prev = x;
        }
        return sum;
    }

    static double standardDeviation(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / v.length);
    }
}
