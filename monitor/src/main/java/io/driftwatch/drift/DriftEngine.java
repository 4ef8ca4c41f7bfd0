package io.driftwatch.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs each column's tests against its fitted reference (columns in parallel), then decides:
 * <ul>
 *   <li>p-values are adjusted across the model with Benjamini-Hochberg at the configured rate;</li>
 *   <li>a column is <em>significant</em> when any of its adjusted p-values is below that rate;</li>
 *   <li>a p-value test flags drift when the column is significant and its effect size passes the floor;</li>
 *   <li>a distance test flags drift when its statistic (the normalized one for Wasserstein) reaches its
 *       threshold and, if the column has a p-value test, the column is significant;</li>
 *   <li>a column with fewer than {@code min_samples} values on either side (but at least 2) is never OK:
 *       it is DRIFT when a test whose p-value holds at small samples (the exact KS test; chi-square only
 *       when every expected count is at least 5) is significant after the adjustment at half the rate
 *       (small windows need stronger evidence) and the effect passes its floor, and INCONCLUSIVE otherwise; distance tests (PSI, Jensen-Shannon, Wasserstein), biased
 *       upward on small samples, decide nothing there.</li>
 * </ul>
 */
public final class DriftEngine {
    private final TestRegistry registry;
    private final DriftPolicy policy;
    private final EffectSize.Floors floors;

    public DriftEngine(TestRegistry registry, DriftPolicy policy) {
        this.registry = registry;
        this.policy = policy;
        this.floors = new EffectSize.Floors(floor("ks"), floor("psi"), floor("jensenshannon"));
    }

    /** The floor of an effect measure: the policy's override or the test's own; none (0) if it declares none. */
    private double floor(String test) {
        Double f = registry.byName(test).map(policy::floor).orElse(null);
        return f == null ? 0 : f;
    }

    public TestRegistry registry() {
        return registry;
    }

    /** The columns named by specs; a spec with no reference or no current sample is inconclusive. */
    public DriftReport compare(List<ColumnSpec> specs, Map<String, ColumnReference> references,
                               Map<String, Sample> current) {
        List<Computed> computed = specs.parallelStream()
                .map(s -> compute(s, references.get(s.name()), current.get(s.name()))).toList();
        double[] adjusted = adjust(computed);
        List<ColumnResult> columns = new ArrayList<>();
        int k = 0;
        for (Computed c : computed) {
            List<Double> adj = new ArrayList<>();
            for (int i = 0; i < c.outcomes().size(); i++) {
                adj.add(c.counts(i) ? adjusted[k++] : null);
            }
            columns.add(c.result(decide(c, adj)));
        }
        return new DriftReport(columns, DriftReport.verdictOf(columns));
    }

    private Computed compute(ColumnSpec spec, ColumnReference ref, Sample cur) {
        if (cur == null || (cur.size() == 0 && cur.missing() == 0)) {
            return Computed.inconclusive(spec, ref, cur, "no current data: the window holds no records");
        }
        if (ref == null) {
            return Computed.inconclusive(spec, null, cur, "no reference data");
        }
        long nRef = ref.sample().size();
        long nCur = cur.size();
        if (nRef < 2 || nCur < 2) {
            return Computed.inconclusive(spec, ref, cur, "insufficient data: fewer than 2 values on the "
                    + (nRef < 2 ? "reference" : "current") + " side");
        }
        if (needsSketches(ref, cur)) {
            return computeOnSketches(spec, ref, cur);
        }
        boolean enough = nRef >= policy.minSamples() && nCur >= policy.minSamples();
        List<TestOutcome> raw = registry.choose(spec.type(), spec.tests(), ref).stream().map(t -> t.run(ref, cur)).toList();
        String reason = enough ? null : "insufficient data: " + Math.min(nRef, nCur) + " values < min_samples "
                + policy.minSamples() + ", and no small-sample test (exact KS, chi-square or its permutation "
                + "p-value) significant";
        List<TestOutcome> outcomes = new ArrayList<>(raw.size());
        boolean[] smallValid = new boolean[raw.size()];
        for (int i = 0; i < raw.size(); i++) {
            TestOutcome o = raw.get(i);
            boolean valid = !enough && validAtSmallSamples(o, ref, cur);
            TestOutcome used = enough || valid ? o : permuted(o, ref, cur);
            smallValid[i] = valid || used != o;
            outcomes.add(used);
        }
        return new Computed(spec, ref, cur, outcomes, enough, () -> EffectSize.passesFloor(ref, cur, floors), reason,
                smallValid);
    }

    /**
     * Below min_samples, a chi-square whose expected counts are too low for its distribution gets a
     * permutation p-value instead ({@link ChiSquarePermutation}), said in its note.
     */
    static TestOutcome permuted(TestOutcome o, ColumnReference ref, Sample cur) {
        if (!o.test().equals("chisquare") || o.pValue() == null || !(ref.sample() instanceof Sample.Categorical r)
                || !(cur instanceof Sample.Categorical c)) {
            return o;
        }
        double[][] t = Categories.aligned(r.counts(), c.counts());
        long[] rc = java.util.Arrays.stream(t[0]).mapToLong(Math::round).toArray();
        long[] cc = java.util.Arrays.stream(t[1]).mapToLong(Math::round).toArray();
        double p = ChiSquarePermutation.pValue(rc, cc);
        String note = "p-value from " + ChiSquarePermutation.PERMUTATIONS + " permutations (expected counts below 5)";
        return new TestOutcome(o.test(), o.kind(), o.statistic(), p, o.normalized(),
                o.note() == null ? note : o.note() + "; " + note, o.newCategories());
    }

    /** Whether a test's p-value holds below min_samples: exact KS, or chi-square whose expected counts allow it. */
    static boolean validAtSmallSamples(TestOutcome o, ColumnReference ref, Sample cur) {
        if (o.pValue() == null) {
            return false;
        }
        if (o.test().equals("ks")) {
            return ref.sample().size() <= KolmogorovSmirnov.MAX_EXACT_N && cur.size() <= KolmogorovSmirnov.MAX_EXACT_N;
        }
        if (o.test().equals("chisquare") && ref.sample() instanceof Sample.Categorical r && cur instanceof Sample.Categorical c) {
            double[][] t = Categories.aligned(r.counts(), c.counts());
            double nr = java.util.Arrays.stream(t[0]).sum();
            double nc = java.util.Arrays.stream(t[1]).sum();
            for (int j = 0; j < t[0].length; j++) {
                double col = t[0][j] + t[1][j];
                if (col * nr / (nr + nc) < 5 || col * nc / (nr + nc) < 5) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** A numeric column with one side exact and the other a sketch, or either side above sketch_above. */
    private boolean needsSketches(ColumnReference ref, Sample cur) {
        boolean refSketch = ref instanceof ColumnReference.NumericSketch;
        boolean curSketch = cur instanceof Sample.NumericSketch;
        boolean numeric = refSketch || ref instanceof ColumnReference.Numeric;
        if (!numeric || (refSketch && curSketch) || cur instanceof Sample.Binned) {
            return false;
        }
        return refSketch || curSketch || ref.sample().size() > policy.sketchAbove() || cur.size() > policy.sketchAbove();
    }

    /** Both sides as KLL sketches: the exact one (if any) is summarized first. */
    private Computed computeOnSketches(ColumnSpec spec, ColumnReference ref, Sample cur) {
        ColumnReference r = ref instanceof ColumnReference.Numeric n
                ? ColumnReference.NumericSketch.fit(Sketches.of(n.sample())) : ref;
        Sample c = cur instanceof Sample.Numeric n ? Sketches.of(n) : cur;
        return compute(spec, r, c);
    }

    private static double[] adjust(List<Computed> computed) {
        List<Double> raw = new ArrayList<>();
        for (Computed c : computed) {
            for (int i = 0; i < c.outcomes().size(); i++) {
                if (c.counts(i)) {
                    raw.add(c.outcomes().get(i).pValue());
                }
            }
        }
        return BenjaminiHochberg.adjust(raw.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private List<TestResult> decide(Computed c, List<Double> adjusted) {
        boolean hasPValue = adjusted.stream().anyMatch(java.util.Objects::nonNull);
        boolean significant = adjusted.stream().anyMatch(a -> a != null && a < policy.fdr());
        List<TestResult> out = new ArrayList<>();
        for (int i = 0; i < c.outcomes().size(); i++) {
            TestOutcome o = c.outcomes().get(i);
            DriftTest test = registry.byName(o.test()).orElseThrow();
            double threshold = policy.threshold(test);
            boolean drift;
            if (!c.conclusive()) { // below min_samples: only a small-sample-valid test, at half the rate
                drift = adjusted.get(i) != null && adjusted.get(i) < policy.fdr() / 2 && c.effectPasses();
            } else if (o.kind() == TestKind.P_VALUE) {
                drift = significant && adjusted.get(i) < policy.fdr() && c.effectPasses();
            } else {
                Double v = test.defaults().normalized() ? o.normalized() : Double.valueOf(o.statistic());
                drift = v != null && v >= threshold && (!hasPValue || significant);
            }
            out.add(new TestResult(o.test(), o.statistic(), o.pValue(), adjusted.get(i), o.normalized(), threshold,
                    drift, o.note()));
        }
        return out;
    }

    /** A column's raw outcomes, before the model-wide adjustment. */
    private record Computed(ColumnSpec spec, ColumnReference ref, Sample cur, List<TestOutcome> outcomes,
                            boolean conclusive, java.util.function.BooleanSupplier effect, String reason,
                            boolean[] smallValid) {
        /** Whether the effect passes its floor: computed when asked, only for a significant column. */
        boolean effectPasses() {
            return effect.getAsBoolean();
        }


        static Computed inconclusive(ColumnSpec spec, ColumnReference ref, Sample cur, String reason) {
            return new Computed(spec, ref, cur, List.of(), false, () -> false, reason, new boolean[0]);
        }

        /** Whether outcome i's p-value takes part in the model-wide adjustment. */
        boolean counts(int i) {
            return outcomes.get(i).pValue() != null && (conclusive || smallValid[i]);
        }

        ColumnResult result(List<TestResult> tests) {
            boolean drift = tests.stream().anyMatch(TestResult::drift);
            ColumnStatus status = drift ? ColumnStatus.DRIFT : !conclusive ? ColumnStatus.INCONCLUSIVE : ColumnStatus.OK;
            List<String> unseen = outcomes.stream().flatMap(o -> o.newCategories().stream()).distinct().toList();
            return new ColumnResult(spec.name(), spec.type(), ref == null ? 0 : ref.sample().size(),
                    cur == null ? 0 : cur.size(), ref == null ? 0 : ref.sample().missing(),
                    cur == null ? 0 : cur.missing(), status, drift ? smallReason() : reason, tests, unseen);
        }

        /** Why a column below min_samples is DRIFT: said, so nobody mistakes it for a full-size verdict. */
        private String smallReason() {
            return conclusive ? null : "only " + Math.min(ref.sample().size(), cur.size()) + " values (< min_samples), "
                    + "but a small-sample test is significant after FDR at half the rate and the effect passes its floor";
        }
    }
}
