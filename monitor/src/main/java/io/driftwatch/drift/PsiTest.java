package io.driftwatch.drift;

import java.util.Set;

/** Population Stability Index on the reference's frozen quantile bins, see {@link Psi}. */
public final class PsiTest extends BaseTest {

    public PsiTest() {
        super("psi", TestKind.DISTANCE, Set.of(ColumnType.NUMERIC));
    }

    @Override
    public TestOutcome run(ColumnReference reference, Sample current) {
        double[][] shares = Bins.shares(reference, current);
        return TestOutcome.distance(name(), Psi.index(shares[0], shares[1]));
    }
}
