package io.driftwatch.drift;

import io.driftwatch.config.FeatureSpec;
import io.driftwatch.config.FeatureType;
import io.driftwatch.source.file.Table;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Drift between two tables, column by column, as {@code driftwatch drift} runs it: a column is numeric
 * when it is numeric in both files (every non-missing value parses as a number), else categorical.
 */
public final class TableDrift {
    private final DriftEngine engine;

    public TableDrift(DriftEngine engine) {
        this.engine = engine;
    }

    /** {@code tests} empty means the automatic choice; otherwise those that apply to each column's type. */
    public DriftReport compare(Table reference, Table current, List<String> columns, List<String> tests,
                               TestRegistry registry) {
        List<FeatureSpec> specs = specs(columns, name -> reference.column(name) instanceof Table.NumericColumn
                && current.column(name) instanceof Table.NumericColumn, tests, registry);
        Map<String, ColumnReference> refs = new ConcurrentHashMap<>();
        Map<String, Sample> cur = new ConcurrentHashMap<>();
        specs.parallelStream().forEach(s -> {
            refs.put(s.name(), ColumnSamples.fit(Map.of(s.name(), Samples.of(reference.column(s.name()), s.type())))
                    .get(s.name()));
            cur.put(s.name(), Samples.of(current.column(s.name()), s.type()));
        });
        return engine.compare(specs, refs, cur);
    }

    /** The same comparison in sketch mode, from two accumulated sets of column sketches. */
    public DriftReport compare(SketchAccumulator reference, SketchAccumulator current, List<String> columns,
                               List<String> tests, TestRegistry registry) {
        List<FeatureSpec> specs = specs(columns, name -> reference.isNumeric(name) && current.isNumeric(name), tests,
                registry);
        Map<String, ColumnReference> refs = new ConcurrentHashMap<>();
        Map<String, Sample> cur = new ConcurrentHashMap<>();
        for (FeatureSpec s : specs) {
            Sample r = reference.sample(s.name());
            Sample c = current.sample(s.name());
            if (s.type() == FeatureType.CATEGORICAL) {
                r = categorical(r);
                c = categorical(c);
            }
            refs.put(s.name(), ColumnSamples.fit(r));
            cur.put(s.name(), c);
        }
        return engine.compare(specs, refs, cur);
    }

    /** One spec per column: numeric where both sides are, with the named tests that apply (none: automatic). */
    private static List<FeatureSpec> specs(List<String> columns, java.util.function.Predicate<String> numeric,
                                           List<String> tests, TestRegistry registry) {
        return columns.stream().map(name -> {
            FeatureType type = numeric.test(name) ? FeatureType.NUMERIC : FeatureType.CATEGORICAL;
            List<String> applicable = tests.stream()
                    .filter(t -> registry.byName(t).map(d -> d.supports(type)).orElse(false)).toList();
            return new FeatureSpec(name, name, type, applicable);
        }).filter(s -> tests.isEmpty() || !s.tests().isEmpty()).toList();
    }

    /** A numeric sketch on one side of a categorical comparison: its quantiles cannot be categories. */
    private static Sample categorical(Sample s) {
        return s instanceof Sample.NumericSketch n ? new Sample.Categorical(Map.of(), n.missing() + n.size()) : s;
    }
}
