package io.driftwatch.drift;

import io.driftwatch.config.FeatureSpec;
import io.driftwatch.config.FeatureType;
import io.driftwatch.source.PredictionRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Turns prediction records into one {@link Sample} per monitored column, and fits references. */
public final class ColumnSamples {
    private ColumnSamples() {
    }

    /**
     * Samples for the given columns; {@code predictionColumn} names the spec read from the record's
     * prediction instead of its input map (null if none).
     */
    public static Map<String, Sample> of(List<PredictionRecord> records, List<FeatureSpec> specs,
                                         String predictionColumn) {
        return of(records, specs, predictionColumn, new FieldIssues());
    }

    /** The same, counting into {@code issues} the values left out or shortened because of their type or size. */
    public static Map<String, Sample> of(List<PredictionRecord> records, List<FeatureSpec> specs,
                                         String predictionColumn, FieldIssues issues) {
        Map<String, Sample> out = new HashMap<>();
        for (FeatureSpec s : specs) {
            boolean prediction = s.name().equals(predictionColumn);
            Function<PredictionRecord, Object> get = prediction ? PredictionRecord::prediction : r -> r.input().get(s.field());
            List<Object> values = new ArrayList<>(records.size());
            for (PredictionRecord r : records) {
                values.add(issues.check(s.name(), get.apply(r), s.type(), prediction));
            }
            out.put(s.name(), s.type() == FeatureType.NUMERIC ? Samples.numeric(values) : Samples.categorical(values));
        }
        return out;
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
