package io.driftwatch.drift;

import io.driftwatch.config.FeatureSpec;
import io.driftwatch.config.FeatureType;
import io.driftwatch.source.file.Table;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drift between two tables, column by column, as {@code driftwatch drift} runs it: a column is numeric
 * when every non-missing value on both sides parses as a number, else categorical.
 */
public final class TableDrift {
    private final DriftEngine engine;

    public TableDrift(DriftEngine engine) {
        this.engine = engine;
    }

    /** {@code tests} empty means the registry's choice per type; otherwise those that apply to each type. */
    public DriftReport compare(Table reference, Table current, List<String> columns, List<String> tests,
                               TestRegistry registry) {
        Map<String, ColumnReference> refs = new HashMap<>();
        Map<String, Sample> cur = new HashMap<>();
        List<FeatureSpec> specs = columns.stream().map(name -> {
            FeatureType type = isNumeric(reference.column(name)) && isNumeric(current.column(name))
                    ? FeatureType.NUMERIC : FeatureType.CATEGORICAL;
            List<String> applicable = tests.stream()
                    .filter(t -> registry.byName(t).map(d -> d.supports(type)).orElse(false)).toList();
            return new FeatureSpec(name, name, type, tests.isEmpty() ? List.of() : applicable);
        }).filter(s -> tests.isEmpty() || !s.tests().isEmpty()).toList();
        specs.parallelStream().forEach(s -> {
            Sample r = sample(reference.column(s.name()), s.type());
            Sample c = sample(current.column(s.name()), s.type());
            synchronized (refs) {
                refs.put(s.name(), ColumnSamples.fit(Map.of(s.name(), r)).get(s.name()));
                cur.put(s.name(), c);
            }
        });
        return engine.compare(specs, refs, cur);
    }

    private static Sample sample(List<Object> values, FeatureType type) {
        return type == FeatureType.NUMERIC ? Samples.numeric(values) : Samples.categorical(values);
    }

    static boolean isNumeric(List<Object> values) {
        for (Object v : values) {
            if (v == null || v instanceof Double) {
                continue;
            }
            if (v instanceof String s) {
                String t = s.strip();
                if (t.isEmpty() || "NaN".equalsIgnoreCase(t) || !Double.isNaN(Samples.toDouble(t))) {
                    continue;
                }
            }
            return false;
        }
        return true;
    }
}
