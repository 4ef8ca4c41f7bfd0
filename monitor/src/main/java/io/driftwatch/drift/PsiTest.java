package io.driftwatch.drift;

import io.driftwatch.config.FeatureType;

/** Population Stability Index on the reference's frozen quantile bins, see {@link Psi}. */
public final class PsiTest implements DriftTest {

    @Override
    public String name() {
        return "psi";
    }

    @Override
    public TestKind kind() {
        return TestKind.DISTANCE;
    }

    @Override
    public boolean supports(FeatureType type) {
        return type == FeatureType.NUMERIC;
    }

    @Override
    public TestOutcome run(ColumnReference reference, Sample current) {
        double[][] shares = Bins.shares(reference, current);
        return TestOutcome.distance(name(), Psi.index(shares[0], shares[1]));
    }
}
