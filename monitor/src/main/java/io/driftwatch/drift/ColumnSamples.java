package io.driftwatch.drift;

import java.util.HashMap;
import java.util.Map;

/** Fits column references from samples (exact or as sketches). */
public final class ColumnSamples {
    private ColumnSamples() {
    }

    /** Fits a reference, as a sketch when it has more than {@code sketchAbove} values. */
    public static ColumnReference fit(Sample s, long sketchAbove) {
        if (s instanceof Sample.Numeric n && n.size() > sketchAbove) {
            return ColumnReference.NumericSketch.fit(Sketches.of(n));
        }
        return fit(s);
    }

    /** Fits one column's reference from its sample. */
    public static ColumnReference fit(Sample s) {
        if (s instanceof Sample.Numeric n) {
            return ColumnReference.Numeric.fit(n);
        }
        if (s instanceof Sample.NumericSketch k) {
            return ColumnReference.NumericSketch.fit(k);
        }
        return new ColumnReference.Categorical((Sample.Categorical) s);
    }

    /** Fits each column's reference from its sample. */
    public static Map<String, ColumnReference> fit(Map<String, Sample> samples) {
        Map<String, ColumnReference> out = new HashMap<>();
        samples.forEach((name, s) -> out.put(name, fit(s)));
        return out;
    }
}
