package io.driftwatch.drift;

import io.driftwatch.config.FeatureType;

/** Two-sample Kolmogorov-Smirnov, see {@link KolmogorovSmirnov}. */
public final class KsTest implements DriftTest {

    @Override
    public String name() {
        return "ks";
    }

    @Override
    public TestKind kind() {
        return TestKind.P_VALUE;
    }

    @Override
    public boolean supports(FeatureType type) {
        return type == FeatureType.NUMERIC;
    }

    @Override
    public TestOutcome run(ColumnReference reference, Sample current) {
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
