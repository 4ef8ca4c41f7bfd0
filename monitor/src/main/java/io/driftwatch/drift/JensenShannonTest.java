package io.driftwatch.drift;

import java.util.Set;

/**
 * Jensen-Shannon distance (base 2) between category shares (also the values of a numeric feature with
 * few distinct values), or between the shares of the reference's frozen PSI bins for a numeric feature; as SciPy's {@code jensenshannon(p, q, base=2)}.
 */
public final class JensenShannonTest extends BaseTest {

    public JensenShannonTest() {
        super(new TestDefaults("jensenshannon", TestKind.DISTANCE, Set.of(ColumnType.NUMERIC, ColumnType.CATEGORICAL),
                0.1, 0.1, TestDefaults.Counting.EITHER, true, false));
    }

    @Override
    public TestOutcome run(ColumnReference reference, Sample current) {
        boolean onValues = reference instanceof ColumnReference.Categorical || current instanceof Sample.Categorical
                || Categories.distinct(reference.sample(), TestRegistry.DISCRETE_LIMIT) <= TestRegistry.DISCRETE_LIMIT;
        if (!onValues) {
            double[][] shares = Bins.shares(reference, current);
            return TestOutcome.distance(name(), JensenShannon.distance(shares[0], shares[1]));
        }
        double[][] counts = Categories.aligned(Categories.counts(reference.sample()), Categories.counts(current));
        return TestOutcome.distance(name(), JensenShannon.distance(counts[0], counts[1]));
    }
}
