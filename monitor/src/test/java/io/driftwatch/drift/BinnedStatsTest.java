package io.driftwatch.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pushdown statistics from bin counts against the exact statistics on the same values. */
class BinnedStatsTest {

    static Sample.Binned bin(double[] sorted, double[] edges) {
        long[] counts = new long[edges.length + 1];
        for (double v : sorted) {
            int i = Arrays.binarySearch(edges, v);
            counts[i >= 0 ? i + 1 : -i - 1]++;
        }
        return new Sample.Binned(edges, counts, sorted[0], sorted[sorted.length - 1], 0);
    }

    private static double[] normal(Random r, int n, double shift, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = shift + scale * r.nextGaussian();
        }
        Arrays.sort(v);
        return v;
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.05, 0.3})
    void binnedStatisticsMatchTheExactOnesWithinTheirBounds(double shift) {
        Random r = new Random(7);
        ColumnReference.Numeric ref = ColumnReference.Numeric.fit(new Sample.Numeric(normal(r, 20_000, 0, 1), 0));
        Sample.Numeric cur = new Sample.Numeric(normal(r, 50_000, shift, 1.1), 0);
        Sample.Binned binned = bin(cur.sorted(), BinnedStats.edges(ref));

        TestOutcome exactKs = new KsTest().run(ref, cur);
        TestOutcome binnedKs = new KsTest().run(ref, binned);
        BinnedStats.Ks bounds = BinnedStats.ks(ref, binned);
        assertThat(exactKs.statistic()).isBetween(bounds.statistic(), bounds.upperBound());
        assertThat(bounds.upperBound() - bounds.statistic()).isLessThan(0.01);
        assertThat(binnedKs.note()).contains("approximate").contains("true D in");

        assertThat(new PsiTest().run(ref, binned).statistic()).isCloseTo(new PsiTest().run(ref, cur).statistic(),
                within(1e-12));
        assertThat(new JensenShannonTest().run(ref, binned).statistic())
                .isCloseTo(new JensenShannonTest().run(ref, cur).statistic(), within(1e-12));
        double w = new WassersteinTest().run(ref, cur).statistic();
        assertThat(new WassersteinTest().run(ref, binned).statistic()).isCloseTo(w, within(0.01 + 0.02 * w));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.02, 0.3})
    void theEngineReachesTheSameVerdictOnBinsAsOnValues(double shift) {
        Random r = new Random(11);
        ColumnSpec spec = new ColumnSpec("x", "x", ColumnType.NUMERIC, List.of());
        ColumnReference.Numeric ref = ColumnReference.Numeric.fit(new Sample.Numeric(normal(r, 20_000, 0, 1), 0));
        Sample.Numeric cur = new Sample.Numeric(normal(r, 100_000, shift, 1), 0);
        DriftEngine engine = new DriftEngine(TestRegistry.standard(), DriftPolicy.defaults());
        DriftReport exact = engine.compare(List.of(spec), Map.of("x", ref), Map.of("x", cur));
        DriftReport pushed = engine.compare(List.of(spec), Map.of("x", ref),
                Map.of("x", bin(cur.sorted(), BinnedStats.edges(ref))));
        assertThat(pushed.verdict()).isEqualTo(exact.verdict());
        assertThat(pushed.columns().get(0).status()).isEqualTo(exact.columns().get(0).status());
        assertThat(pushed.verdict()).isEqualTo(shift > 0.1 ? Verdict.DRIFT : Verdict.OK);
    }
}
