package io.driftwatch.drift;

import java.util.Set;

/** Population Stability Index on the reference's frozen quantile bins, see {@link Psi}. */
public final class PsiTest extends BaseTest {

    public PsiTest() {
        super(new TestDefaults("psi", TestKind.DISTANCE, Set.of(ColumnType.NUMERIC), 0.25, 0.1,
                TestDefaults.Counting.RANGES, true, false));
    }

    @Override
    public TestOutcome run(ColumnReference reference, Sample current) {
        double[][] shares = Bins.shares(reference, current);
        return TestOutcome.distance(name(), Psi.index(shares[0], shares[1]));
    }
}
