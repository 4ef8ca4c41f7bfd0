package io.driftwatch.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.support.Scipy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * KS, PSI, chi-square, Jensen-Shannon and Benjamini-Hochberg against SciPy on random samples drawn
 * here (ties, heavy tails, both sides of the exact/asymptotic boundary, equal and unequal sizes).
 */
class ScipyAgreementTest {
    private static final List<double[][]> KS_CASES = new ArrayList<>();
    private static final List<Map<String, Object>> CASES = new ArrayList<>();
    private static List<JsonNode> results;

    @BeforeAll
    static void computeReferenceValues() throws Exception {
        Random rnd = new Random(42);
        addKs(sample(rnd, 40, rnd::nextGaussian), sample(rnd, 40, () -> rnd.nextGaussian() + 0.3));
        addKs(sample(rnd, 37, rnd::nextGaussian), sample(rnd, 53, rnd::nextGaussian));
        addKs(sample(rnd, 500, () -> rnd.nextInt(6)), sample(rnd, 800, () -> rnd.nextInt(6) + (rnd.nextInt(9) == 0 ? 1 : 0)));
        addKs(sample(rnd, 2000, () -> Math.exp(2 * rnd.nextGaussian())), sample(rnd, 3000, () -> Math.exp(2 * rnd.nextGaussian())));
        addKs(sample(rnd, 10_000, rnd::nextGaussian), sample(rnd, 9_999, () -> rnd.nextGaussian() + 0.05));
        addKs(sample(rnd, 10_000, rnd::nextGaussian), sample(rnd, 10_000, () -> rnd.nextGaussian() + 0.03));
        addKs(sample(rnd, 10_001, rnd::nextGaussian), sample(rnd, 12_000, () -> rnd.nextGaussian() + 0.04));
        addKs(sample(rnd, 50_000, () -> standardCauchy(rnd)), sample(rnd, 40_000, () -> standardCauchy(rnd) + 0.02));
        addKs(sample(rnd, 3, rnd::nextGaussian), sample(rnd, 4, rnd::nextGaussian));
        addKs(sample(rnd, 200, () -> 1.0), sample(rnd, 300, () -> 1.0));
        for (double[][] ks : KS_CASES) {
            CASES.add(Map.of("kind", "psi", "a", ks[0], "b", ks[1]));
        }
        CASES.add(chi2(Map.of("a", 50L, "b", 30L, "c", 20L), Map.of("a", 45L, "b", 41L, "c", 9L, "d", 5L)));
        CASES.add(chi2(Map.of("x", 5000L, "y", 3000L), Map.of("x", 5200L, "y", 2950L)));
        CASES.add(chi2(Map.of("only", 10L), Map.of("only", 12L)));
        CASES.add(Map.of("kind", "bh", "p", new double[] {0.01, 0.04, 0.03, 0.2, 0.001, 0.04}));
        CASES.add(Map.of("kind", "js", "p", new double[] {10, 20, 30, 0}, "q", new double[] {5, 25, 30, 40}));
        for (double[][] ks : KS_CASES) {
            CASES.add(Map.of("kind", "wasserstein", "a", ks[0], "b", ks[1]));
        }
        results = Scipy.run(CASES);
    }

    private static void addKs(double[] a, double[] b) {
        KS_CASES.add(new double[][] {a, b});
        CASES.add(Map.of("kind", "ks", "a", a, "b", b));
    }

    private static Map<String, Object> chi2(Map<String, Long> ref, Map<String, Long> cur) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("kind", "chi2");
        c.put("ref", ref);
        c.put("cur", cur);
        return c;
    }

    @Test
    void ksStatisticAndPValueMatchScipyOnBothSidesOfTheExactBoundary() {
        for (int i = 0; i < KS_CASES.size(); i++) {
            double[] a = sorted(KS_CASES.get(i)[0]);
            double[] b = sorted(KS_CASES.get(i)[1]);
            KolmogorovSmirnov.Result r = KolmogorovSmirnov.test(a, b);
            JsonNode expected = results.get(i);
            String label = "case " + i + " (n=" + a.length + ", m=" + b.length + ")";
            assertThat(r.statistic()).as(label).isCloseTo(expected.get("statistic").doubleValue(), within(1e-12));
            double p = expected.get("p_value").doubleValue();
            assertThat(r.exact()).as(label).isEqualTo(Math.max(a.length, b.length) <= 10_000);
            if (r.exact()) {
                assertThat(Math.abs(r.pValue() - p) <= 1e-6 || Math.abs(r.pValue() - p) <= 1e-4 * p)
                        .as(label + ": " + r.pValue() + " vs " + p).isTrue();
            } else {
                assertThat(Math.abs(r.pValue() - p) <= 1e-8 || Math.abs(r.pValue() - p) <= 0.02 * p)
                        .as(label + ": " + r.pValue() + " vs " + p).isTrue();
            }
        }
    }

    @Test
    void psiFollowsTheBinningContract() {
        int offset = KS_CASES.size();
        for (int i = 0; i < KS_CASES.size(); i++) {
            double[] a = sorted(KS_CASES.get(i)[0]);
            double[] b = sorted(KS_CASES.get(i)[1]);
            ColumnReference.Numeric ref = ColumnReference.Numeric.fit(new Sample.Numeric(a, 0));
            TestOutcome o = new PsiTest().run(ref, new Sample.Numeric(b, 0));
            assertThat(o.statistic()).as("case " + i).isCloseTo(results.get(offset + i).get("statistic").doubleValue(),
                    within(1e-9));
        }
    }

    @Test
    void chiSquareMatchesChi2ContingencyWithoutCorrection() {
        int offset = 2 * KS_CASES.size();
        for (int i = 0; i < 3; i++) {
            @SuppressWarnings("unchecked")
            Map<String, Long> ref = (Map<String, Long>) CASES.get(offset + i).get("ref");
            @SuppressWarnings("unchecked")
            Map<String, Long> cur = (Map<String, Long>) CASES.get(offset + i).get("cur");
            TestOutcome o = new ChiSquareTest().run(new ColumnReference.Categorical(new Sample.Categorical(ref, 0)),
                    new Sample.Categorical(cur, 0));
            JsonNode e = results.get(offset + i);
            assertThat(o.statistic()).isCloseTo(e.get("statistic").doubleValue(), within(1e-9 * Math.max(1, o.statistic())));
            assertThat(o.pValue()).isCloseTo(e.get("p_value").doubleValue(), within(1e-9 * Math.max(1e-300, o.pValue()) + 1e-15));
            if (i == 0) {
                assertThat(o.newCategories()).containsExactly("d");
            }
        }
    }

    @Test
    void benjaminiHochbergAndJensenShannonMatchScipy() {
        int offset = 2 * KS_CASES.size() + 3;
        double[] p = (double[]) CASES.get(offset).get("p");
        double[] adjusted = BenjaminiHochberg.adjust(p);
        JsonNode e = results.get(offset).get("adjusted");
        for (int i = 0; i < p.length; i++) {
            assertThat(adjusted[i]).isCloseTo(e.get(i).doubleValue(), within(1e-12));
        }
        double js = JensenShannon.distance((double[]) CASES.get(offset + 1).get("p"), (double[]) CASES.get(offset + 1).get("q"));
        assertThat(js).isCloseTo(results.get(offset + 1).get("statistic").doubleValue(), within(1e-12));
    }

    @Test
    void wassersteinAndItsNormalizationMatchScipy() {
        int offset = 2 * KS_CASES.size() + 5;
        for (int i = 0; i < KS_CASES.size(); i++) {
            double[] a = sorted(KS_CASES.get(i)[0]);
            double[] b = sorted(KS_CASES.get(i)[1]);
            TestOutcome o = new WassersteinTest().run(ColumnReference.Numeric.fit(new Sample.Numeric(a, 0)),
                    new Sample.Numeric(b, 0));
            JsonNode e = results.get(offset + i);
            assertThat(o.statistic()).as("case " + i)
                    .isCloseTo(e.get("statistic").doubleValue(), within(1e-9 * Math.max(1, o.statistic())));
            if (e.get("normalized").isNull()) {
                assertThat(o.normalized()).isNull();
                assertThat(o.note()).contains("zero spread");
            } else {
                assertThat(o.normalized()).isCloseTo(e.get("normalized").doubleValue(), within(1e-9 * Math.max(1, o.normalized())));
            }
        }
    }

    private static double[] sample(Random rnd, int n, DoubleSupplier s) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = s.getAsDouble();
        }
        return out;
    }

    private static double standardCauchy(Random rnd) {
        return Math.tan(Math.PI * (rnd.nextDouble() - 0.5));
    }

    private static double[] sorted(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c;
    }
}
