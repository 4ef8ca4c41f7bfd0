package io.driftwatch.drift;

import java.util.Set;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.math3.special.Gamma;

/**
 * Pearson's chi-square on the 2×K table of reference and current category counts, without continuity
 * correction (SciPy's {@code chi2_contingency(correction=False)}). Categories the reference never saw
 * are counted in the table and reported as new categories. A numeric sample is tested on its distinct
 * values, which the automatic choice does for numeric columns with few of them.
 */
public final class ChiSquareTest extends BaseTest {

    public ChiSquareTest() {
        super(new TestDefaults("chisquare", TestKind.P_VALUE, Set.of(ColumnType.CATEGORICAL), null, null,
                TestDefaults.Counting.TERMS, false, false));
    }

    @Override
    public TestOutcome run(ColumnReference reference, Sample current) {
        Map<String, Long> ref = Categories.counts(reference.sample());
        Map<String, Long> cur = Categories.counts(current);
        TreeSet<String> categories = new TreeSet<>(ref.keySet());
        categories.addAll(cur.keySet());
        double nRef = ref.values().stream().mapToLong(Long::longValue).sum();
        double nCur = cur.values().stream().mapToLong(Long::longValue).sum();
        double total = nRef + nCur;
        double stat = 0;
        List<String> unseen = new ArrayList<>();
        for (String c : categories) {
            double r = ref.getOrDefault(c, 0L);
            double k = cur.getOrDefault(c, 0L);
            double column = r + k;
            stat += square(r - nRef * column / total) / (nRef * column / total);
            stat += square(k - nCur * column / total) / (nCur * column / total);
            if (r == 0) {
                unseen.add(c);
            }
        }
        int dof = categories.size() - 1;
        // the upper regularized gamma function keeps tiny p-values accurate, where 1 − cdf would not
        double p = dof == 0 ? 1.0 : Gamma.regularizedGammaQ(dof / 2.0, stat / 2.0);
        return new TestOutcome(name(), kind(), stat, p, null, null, unseen);
    }

    private static double square(double x) {
        return x * x;
    }
}
