package io.driftwatch.drift;

import io.driftwatch.config.FeatureType;

/**
 * Jensen-Shannon distance (base 2) between category shares, or between the shares of the reference's
 * frozen PSI bins for a numeric feature; as SciPy's {@code jensenshannon(p, q, base=2)}.
 */
public final class JensenShannonTest implements DriftTest {

    @Override
    public String name() {
        return "jensenshannon";
    }

    @Override
    public TestKind kind() {
        return TestKind.DISTANCE;
    }

    @Override
    public boolean supports(FeatureType type) {
        return true;
    }

    @Override
    public TestOutcome run(ColumnReference reference, Sample current) {
        if (!(reference instanceof ColumnReference.Categorical)) {
            double[][] shares = Bins.shares(reference, current);
            return TestOutcome.distance(name(), JensenShannon.distance(shares[0], shares[1]));
        }
        double[][] counts = Categories.aligned(Categories.counts(reference.sample()), Categories.counts(current));
        return TestOutcome.distance(name(), JensenShannon.distance(counts[0], counts[1]));
    }
}
