package io.driftwatch.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DriftEngineTest {
    private final DriftEngine engine = new DriftEngine(TestRegistry.standard(), DriftPolicy.defaults());

    private static Sample.Numeric normal(Random rnd, int n, double shift) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextGaussian() + shift;
        }
        return Samples.numeric(v, n);
    }

    private DriftReport compare(Map<String, Sample> ref, Map<String, Sample> cur, ColumnType type) {
        List<ColumnSpec> specs = ref.keySet().stream().sorted().map(n -> new ColumnSpec(n, n, type, List.of())).toList();
        return engine.compare(specs, ColumnSamples.fit(ref), cur);
    }

    @Test
    void aSmallShiftOnTenThousandRowsIsDrift() {
        Random rnd = new Random(1);
        DriftReport r = compare(Map.of("x", normal(rnd, 10_000, 0)), Map.of("x", normal(rnd, 10_000, 0.2)), ColumnType.NUMERIC);
        assertThat(r.verdict()).isEqualTo(Verdict.DRIFT);
        ColumnResult x = r.column("x").orElseThrow();
        assertThat(x.tests()).extracting(TestResult::test).containsExactly("ks", "psi");
        TestResult ks = x.tests().get(0);
        assertThat(ks.drift()).isTrue();
        assertThat(ks.adjustedPValue()).isLessThan(0.05);
        assertThat(ks.threshold()).isEqualTo(0.05);
    }

    @Test
    void aNegligibleShiftOnManyRowsIsSignificantButNotDrift() {
        Random rnd = new Random(2);
        DriftReport r = compare(Map.of("x", normal(rnd, 400_000, 0)), Map.of("x", normal(rnd, 400_000, 0.02)),
                ColumnType.NUMERIC);
        TestResult ks = r.column("x").orElseThrow().tests().get(0);
        assertThat(ks.pValue()).as("the shift is detectable").isLessThan(1e-6);
        assertThat(ks.drift()).as("but below the effect-size floor").isFalse();
        assertThat(r.verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void belowMinSamplesAColumnIsNeverOkButStrongEvidenceFromAnExactTestIsDrift() {
        Random rnd = new Random(3);
        Sample.Numeric ref = normal(rnd, 1000, 0);
        DriftReport quiet = compare(Map.of("x", ref), Map.of("x", normal(rnd, 50, 0)), ColumnType.NUMERIC);
        ColumnResult q = quiet.column("x").orElseThrow();
        assertThat(q.status()).as("nothing significant: inconclusive, never ok").isEqualTo(ColumnStatus.INCONCLUSIVE);
        assertThat(q.reason()).contains("50 values < min_samples 100");
        assertThat(quiet.verdict()).isEqualTo(Verdict.INCONCLUSIVE);

        DriftReport shifted = compare(Map.of("x", ref), Map.of("x", normal(rnd, 50, 3)), ColumnType.NUMERIC);
        ColumnResult x = shifted.column("x").orElseThrow();
        assertThat(x.status()).as("exact KS, p tiny, D far above its floor").isEqualTo(ColumnStatus.DRIFT);
        assertThat(x.reason()).contains("only 50 values (< min_samples)");
        assertThat(x.tests()).filteredOn(t -> t.test().equals("ks")).singleElement()
                .satisfies(t -> assertThat(t.drift()).isTrue());
        assertThat(x.tests()).filteredOn(t -> !t.test().equals("ks"))
                .allSatisfy(t -> assertThat(t.drift()).as("distance tests decide nothing below min_samples").isFalse());

        List<ColumnSpec> psiOnly = List.of(new ColumnSpec("x", "x", ColumnType.NUMERIC, List.of("psi")));
        DriftReport distance = engine.compare(psiOnly, ColumnSamples.fit(Map.<String, Sample>of("x", ref)),
                Map.of("x", normal(rnd, 50, 3)));
        assertThat(distance.column("x").orElseThrow().status()).isEqualTo(ColumnStatus.INCONCLUSIVE);
    }

    @Test
    void chiSquareCountsBelowMinSamplesOnlyWhenItsExpectedCountsAllowIt() {
        Map<String, Long> refCounts = Map.of("a", 500L, "b", 500L);
        Sample.Categorical many = new Sample.Categorical(Map.of("a", 5L, "b", 55L), 0);
        Sample.Categorical sparse = new Sample.Categorical(Map.of("a", 1L, "b", 9L, "c", 2L), 0);
        ColumnReference ref = ColumnSamples.fit(new Sample.Categorical(refCounts, 0));
        TestOutcome chi = new TestOutcome("chisquare", TestKind.P_VALUE, 1, 0.001, null, null, List.of());
        assertThat(DriftEngine.validAtSmallSamples(chi, ref, many)).isTrue();
        assertThat(DriftEngine.validAtSmallSamples(chi, ref, sparse)).as("expected counts below 5").isFalse();
    }

    @Test
    void thePermutationPValueMatchesTheExactHypergeometricOne() {
        long[] ref = {480, 20};
        for (long[] cur : new long[][] {{28, 2}, {25, 5}, {22, 8}}) {
            int n = (int) (cur[0] + cur[1]);
            long pooled0 = ref[0] + cur[0];
            long pooled1 = ref[1] + cur[1];
            var h = new org.apache.commons.math3.distribution.HypergeometricDistribution(null,
                    (int) (pooled0 + pooled1), (int) pooled1, n);
            double observed = chi(ref, cur);
            double exact = 0;
            for (int x = h.getSupportLowerBound(); x <= h.getSupportUpperBound(); x++) {
                if (chi(new long[] {pooled0 - (n - x), pooled1 - x}, new long[] {n - x, x}) >= observed - 1e-9) {
                    exact += h.probability(x);
                }
            }
            assertThat(ChiSquarePermutation.pValue(ref, cur)).as("current %s", java.util.Arrays.toString(cur))
                    .isCloseTo(exact, org.assertj.core.data.Offset.offset(0.01));
        }
    }

    /** Pearson's chi-square of a 2×2 table. */
    private static double chi(long[] ref, long[] cur) {
        double n = ref[0] + ref[1] + cur[0] + cur[1];
        double nr = ref[0] + ref[1];
        double nc = cur[0] + cur[1];
        double stat = 0;
        for (int j = 0; j < 2; j++) {
            double col = ref[j] + cur[j];
            stat += Math.pow(ref[j] - nr * col / n, 2) / (nr * col / n) + Math.pow(cur[j] - nc * col / n, 2) / (nc * col / n);
        }
        return stat;
    }

    @Test
    void aSparseCategoryMixBelowMinSamplesIsJudgedByPermutation() {
        Map<String, Long> refCounts = new java.util.HashMap<>();
        String[] cats = {"a", "b", "c", "d", "e", "f", "g", "h"};
        double[] shares = {0.4, 0.3, 0.15, 0.08, 0.03, 0.02, 0.01, 0.01};
        for (int j = 0; j < cats.length; j++) {
            refCounts.put(cats[j], Math.round(2000 * shares[j]));
        }
        Sample.Categorical refSample = new Sample.Categorical(refCounts, 0);
        Random rnd = new Random(12);
        int alerts = 0;
        int windows = 200;
        for (int w = 0; w < windows; w++) {
            Map<String, Long> cur = new java.util.HashMap<>();
            for (int i = 0; i < 40; i++) {
                double u = rnd.nextDouble();
                int j = 0;
                for (double acc = shares[0]; u > acc && j < cats.length - 1; acc += shares[++j]) {
                    // walk to the drawn category
                }
                cur.merge(cats[j], 1L, Long::sum);
            }
            ColumnResult c = compare(Map.of("c", refSample), Map.of("c", new Sample.Categorical(cur, 0)), ColumnType.CATEGORICAL)
                    .column("c").orElseThrow();
            assertThat(c.status()).as("never OK below min_samples").isNotEqualTo(ColumnStatus.OK);
            alerts += c.drift() ? 1 : 0;
        }
        assertThat(alerts / (double) windows).as("no-drift windows of 40 values alerting").isLessThanOrEqualTo(0.05);
        ColumnResult moved = compare(Map.of("c", refSample), Map.of("c", new Sample.Categorical(Map.of("g", 20L, "h", 15L,
                "a", 5L), 0)), ColumnType.CATEGORICAL).column("c").orElseThrow();
        assertThat(moved.status()).isEqualTo(ColumnStatus.DRIFT);
        assertThat(moved.tests()).filteredOn(t -> t.test().equals("chisquare")).singleElement()
                .satisfies(t -> assertThat(t.note()).contains("9999 permutations"));
    }

    @Test
    void anAllMissingColumnIsInsufficientDataWithoutNaN() {
        Sample.Numeric empty = Samples.numeric(java.util.Arrays.asList(null, "NaN", ""));
        DriftReport r = compare(Map.of("x", normal(new Random(4), 500, 0)), Map.of("x", empty), ColumnType.NUMERIC);
        ColumnResult x = r.column("x").orElseThrow();
        assertThat(x.status()).isEqualTo(ColumnStatus.INCONCLUSIVE);
        assertThat(x.missingCurrent()).isEqualTo(3);
        assertThat(x.tests()).isEmpty();
        assertThat(x.reason()).contains("fewer than 2 values on the current side");
    }

    @Test
    void aConstantColumnIsData() {
        double[] ones = new double[500];
        java.util.Arrays.fill(ones, 1.0);
        double[] twos = ones.clone();
        java.util.Arrays.fill(twos, 0, 250, 2.0);
        DriftReport same = compare(Map.of("x", Samples.numeric(ones, 500)), Map.of("x", Samples.numeric(ones, 500)), ColumnType.NUMERIC);
        assertThat(same.column("x").orElseThrow().tests()).extracting(TestResult::statistic).containsExactly(0.0, 0.0);
        assertThat(same.verdict()).isEqualTo(Verdict.OK);
        DriftReport moved = compare(Map.of("x", Samples.numeric(ones, 500)), Map.of("x", Samples.numeric(twos, 500)), ColumnType.NUMERIC);
        assertThat(moved.verdict()).isEqualTo(Verdict.DRIFT);
    }

    @Test
    void fdrControlAcrossFeaturesKeepsNoDriftWindowsQuiet() {
        Random rnd = new Random(5);
        int windowsWithDrift = 0;
        for (int w = 0; w < 40; w++) {
            Map<String, Sample> ref = new HashMap<>();
            Map<String, Sample> cur = new HashMap<>();
            for (int f = 0; f < 20; f++) {
                ref.put("f" + f, normal(rnd, 1000, 0));
                cur.put("f" + f, normal(rnd, 1000, 0));
            }
            windowsWithDrift += compare(ref, cur, ColumnType.NUMERIC).verdict() == Verdict.DRIFT ? 1 : 0;
        }
        // without correction about 1 − 0.95^20 = 64% of windows would flag a feature
        assertThat(windowsWithDrift).isLessThanOrEqualTo(6);
    }

    @Test
    void aboveSketchAboveColumnsAreComparedAsSketchesAndSaySo() {
        DriftPolicy small = new DriftPolicy(0.05, 100, java.util.Map.of(), java.util.Map.of(), 5_000);
        DriftEngine sketching = new DriftEngine(TestRegistry.standard(), small);
        Random rnd = new Random(6);
        Sample.Numeric ref = normal(rnd, 20_000, 0);
        List<ColumnSpec> specs = List.of(new ColumnSpec("x", "x", ColumnType.NUMERIC, List.of("ks", "psi", "wasserstein")));
        DriftReport shifted = sketching.compare(specs, Map.of("x", ColumnSamples.fit(ref, 5_000)), Map.of("x", normal(rnd, 20_000, 0.3)));
        ColumnResult x = shifted.column("x").orElseThrow();
        assertThat(x.drift()).isTrue();
        assertThat(x.tests().get(0).note()).startsWith("approximate: KLL sketches");
        assertThat(x.tests().get(2).statistic()).isCloseTo(0.3, org.assertj.core.api.Assertions.within(0.05));
        DriftReport same = sketching.compare(specs, Map.of("x", ColumnSamples.fit(ref)), Map.of("x", normal(rnd, 20_000, 0)));
        assertThat(same.verdict()).isEqualTo(Verdict.OK);
        assertThat(same.column("x").orElseThrow().tests().get(0).note()).as("exact reference, large window").isNotNull();
    }

    @Test
    void categoricalShiftIsFoundAndNewCategoriesReported() {
        Sample.Categorical ref = new Sample.Categorical(Map.of("a", 500L, "b", 300L, "c", 200L), 0);
        Sample.Categorical cur = new Sample.Categorical(Map.of("a", 300L, "b", 300L, "c", 200L, "z", 200L), 4);
        DriftReport r = compare(Map.of("cat", ref), Map.of("cat", cur), ColumnType.CATEGORICAL);
        ColumnResult c = r.column("cat").orElseThrow();
        assertThat(c.drift()).isTrue();
        assertThat(c.newCategories()).containsExactly("z");
        assertThat(c.missingCurrent()).isEqualTo(4);
        assertThat(c.tests()).extracting(TestResult::test).containsExactly("chisquare", "jensenshannon");
    }
}
