package io.driftwatch.drift;

/** The PSI-bin shares of a reference and a current sample, exact or from sketches. */
final class Bins {
    private Bins() {
    }

    /** {reference shares, current shares} over the reference's frozen edges. */
    static double[][] shares(ColumnReference reference, Sample current) {
        if (current instanceof Sample.Binned b) {
            boolean sketch = reference instanceof ColumnReference.NumericSketch;
            double[] edges = sketch ? ((ColumnReference.NumericSketch) reference).edges()
                    : ((ColumnReference.Numeric) reference).edges();
            double[] refShares = sketch ? ((ColumnReference.NumericSketch) reference).shares()
                    : ((ColumnReference.Numeric) reference).shares();
            return new double[][] {refShares, BinnedStats.shares(edges, b)};
        }
        if (reference instanceof ColumnReference.NumericSketch sk) {
            return new double[][] {sk.shares(), Sketches.shares(((Sample.NumericSketch) current).sketch(), sk.edges())};
        }
        ColumnReference.Numeric ref = (ColumnReference.Numeric) reference;
        return new double[][] {ref.shares(), Psi.shares(((Sample.Numeric) current).sorted(), ref.edges())};
    }
}
