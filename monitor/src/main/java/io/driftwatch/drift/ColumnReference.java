package io.driftwatch.drift;

/** A column's reference, fitted once: the sample plus whatever the tests precompute from it. */
public sealed interface ColumnReference {

    Sample sample();

    /** Sorted values, frozen PSI edges and the reference's bin shares. */
    record Numeric(Sample.Numeric sample, double[] edges, double[] shares) implements ColumnReference {

        public static Numeric fit(Sample.Numeric sample) {
            if (sample.sorted().length == 0) {
                return new Numeric(sample, new double[0], new double[] {1.0});
            }
            double[] edges = Psi.edges(sample.sorted());
            return new Numeric(sample, edges, Psi.shares(sample.sorted(), edges));
        }
    }

    /** A KLL sketch with PSI edges and shares taken from its quantiles and ranks (sketch mode). */
    record NumericSketch(Sample.NumericSketch sample, double[] edges, double[] shares) implements ColumnReference {

        public static NumericSketch fit(Sample.NumericSketch sample) {
            if (sample.sketch().isEmpty()) {
                return new NumericSketch(sample, new double[0], new double[] {1.0});
            }
            double[] edges = Sketches.psiEdges(sample.sketch());
            return new NumericSketch(sample, edges, Sketches.shares(sample.sketch(), edges));
        }
    }

    /** Category counts. */
    record Categorical(Sample.Categorical sample) implements ColumnReference {
    }
}
