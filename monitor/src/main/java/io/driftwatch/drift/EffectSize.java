package io.driftwatch.drift;


/**
 * The effect-size floor: a significant difference only counts as drift when it is also large enough to
 * matter. Numeric: KS D or PSI at or above its floor. Categorical (and numeric with few distinct
 * values): Jensen-Shannon distance between the category shares at or above its floor.
 */
final class EffectSize {
    private EffectSize() {
    }

    /** The floors of the three effect measures: KS D, PSI and Jensen-Shannon distance. */
    record Floors(double ks, double psi, double js) {
    }

    static boolean passesFloor(ColumnReference ref, Sample cur, Floors policy) {
        if (cur instanceof Sample.Binned b) {
            double[][] shares = Bins.shares(ref, cur);
            return BinnedStats.ks(ref, b).statistic() >= policy.ks()
                    || Psi.index(shares[0], shares[1]) >= policy.psi();
        }
        if (ref instanceof ColumnReference.NumericSketch sk) {
            double d = Sketches.ks(sk.sample().sketch(), ((Sample.NumericSketch) cur).sketch()).statistic();
            double[][] shares = Bins.shares(ref, cur);
            return d >= policy.ks() || Psi.index(shares[0], shares[1]) >= policy.psi();
        }
        if (ref instanceof ColumnReference.Numeric num
                && Categories.distinct(num.sample(), TestRegistry.DISCRETE_LIMIT) > TestRegistry.DISCRETE_LIMIT) {
            double[] r = num.sample().sorted();
            double[] c = ((Sample.Numeric) cur).sorted();
            double d = (double) KolmogorovSmirnov.maxScaledGap(r, c) / ((double) r.length * c.length);
            return d >= policy.ks() || Psi.index(num.shares(), Psi.shares(c, num.edges())) >= policy.psi();
        }
        double[][] counts = Categories.aligned(Categories.counts(ref.sample()), Categories.counts(cur));
        return JensenShannon.distance(counts[0], counts[1]) >= policy.js();
    }
}
