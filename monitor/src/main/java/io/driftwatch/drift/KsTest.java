package io.driftwatch.drift;

import java.util.Set;

/** Two-sample Kolmogorov-Smirnov, see {@link KolmogorovSmirnov}. */
public final class KsTest extends BaseTest {

    public KsTest() {
        super(new TestDefaults("ks", TestKind.P_VALUE, Set.of(ColumnType.NUMERIC), null, 0.05,
                TestDefaults.Counting.RANGES, true, false));
    }

    @Override
    public TestOutcome run(ColumnReference reference, Sample current) {
        if (current instanceof Sample.Binned b) {
            return BinnedStats.ksOutcome(name(), reference, b);
        }
        if (reference instanceof ColumnReference.NumericSketch sk) {
            Sketches.KsResult r = Sketches.ks(sk.sample().sketch(), ((Sample.NumericSketch) current).sketch());
            return new TestOutcome(name(), kind(), r.statistic(), r.pValue(), null, Sketches.note(r.rankError()),
                    java.util.List.of());
        }
        double[] ref = ((ColumnReference.Numeric) reference).sample().sorted();
        KolmogorovSmirnov.Result r = KolmogorovSmirnov.test(ref, ((Sample.Numeric) current).sorted());
        return TestOutcome.significance(name(), r.statistic(), r.pValue());
    }
}
