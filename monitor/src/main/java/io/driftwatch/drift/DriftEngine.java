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
 *   <li>columns with fewer than {@code min_samples} values on either side are INCONCLUSIVE.</li>
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
            for (TestOutcome o : c.outcomes()) {
                adj.add(c.conclusive() && o.pValue() != null ? adjusted[k++] : null);
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
        List<TestOutcome> outcomes = registry.choose(spec.type(), spec.tests(), ref).stream()
                .map(t -> t.run(ref, cur)).toList();
        boolean enough = nRef >= policy.minSamples() && nCur >= policy.minSamples();
        String reason = enough ? null : "insufficient data: " + Math.min(nRef, nCur) + " values < min_samples "
                + policy.minSamples();
        return new Computed(spec, ref, cur, outcomes, enough, enough && EffectSize.passesFloor(ref, cur, floors), reason);
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
        double[] raw = computed.stream().filter(Computed::conclusive).flatMap(c -> c.outcomes().stream())
                .filter(o -> o.pValue() != null).mapToDouble(TestOutcome::pValue).toArray();
        return BenjaminiHochberg.adjust(raw);
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
            if (o.kind() == TestKind.P_VALUE) {
                drift = significant && adjusted.get(i) < policy.fdr() && c.effectPasses();
            } else {
                Double v = test.defaults().normalized() ? o.normalized() : Double.valueOf(o.statistic());
                drift = v != null && v >= threshold && (!hasPValue || significant);
            }
            out.add(new TestResult(o.test(), o.statistic(), o.pValue(), adjusted.get(i), o.normalized(), threshold,
                    c.conclusive() && drift, o.note()));
        }
        return out;
    }

    /** A column's raw outcomes, before the model-wide adjustment. */
    private record Computed(ColumnSpec spec, ColumnReference ref, Sample cur, List<TestOutcome> outcomes,
                            boolean conclusive, boolean effectPasses, String reason) {

        static Computed inconclusive(ColumnSpec spec, ColumnReference ref, Sample cur, String reason) {
            return new Computed(spec, ref, cur, List.of(), false, false, reason);
        }

        ColumnResult result(List<TestResult> tests) {
            boolean drift = conclusive && tests.stream().anyMatch(TestResult::drift);
            ColumnStatus status = !conclusive ? ColumnStatus.INCONCLUSIVE : drift ? ColumnStatus.DRIFT : ColumnStatus.OK;
            List<String> unseen = outcomes.stream().flatMap(o -> o.newCategories().stream()).distinct().toList();
            return new ColumnResult(spec.name(), spec.type(), ref == null ? 0 : ref.sample().size(),
                    cur == null ? 0 : cur.size(), ref == null ? 0 : ref.sample().missing(),
                    cur == null ? 0 : cur.missing(), status, reason, tests, unseen);
        }
    }
}
