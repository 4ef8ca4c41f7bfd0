package io.driftwatch.cli;

import io.driftwatch.drift.ColumnReference;
import io.driftwatch.drift.ColumnResult;
import io.driftwatch.drift.ColumnSamples;
import io.driftwatch.drift.ColumnStatus;
import io.driftwatch.drift.DriftEngine;
import io.driftwatch.drift.DriftReport;
import io.driftwatch.drift.Sample;
import io.driftwatch.drift.Samples;
import io.driftwatch.drift.TestRegistry;

import io.driftwatch.drift.ColumnSpec;
import io.driftwatch.drift.ColumnType;
import io.driftwatch.table.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Drift between two tables, column by column, as {@code driftwatch drift} runs it. A column's type is
 * decided over both files: numeric when both read as numeric and at most {@link #UNPARSABLE_SHARE} of
 * their non-missing cells are not numbers (those are counted, never tested), else categorical; a type
 * given by the caller wins. A test asked for that cannot apply to a column's type makes that column
 * INCONCLUSIVE with a reason, or is named in a note when other asked tests apply.
 */
public final class TableDrift {
    /** The largest share of non-number cells that keeps a column numeric. */
    public static final double UNPARSABLE_SHARE = 0.05;

    private final DriftEngine engine;

    public TableDrift(DriftEngine engine) {
        this.engine = engine;
    }

    /** What the table side adds to a column's result: its cells that were not numbers, and a note. */
    public record ColumnInput(Table.Unparsable reference, Table.Unparsable current, String note) {
    }

    /**
     * The report, per column what the tables added, and (computed when asked, for the HTML report) each
     * column's distributions.
     */
    public record Result(DriftReport report, Map<String, ColumnInput> inputs,
                         java.util.function.Supplier<Map<String, io.driftwatch.drift.Distribution>> distributions,
                         Map<String, io.driftwatch.drift.DataQuality> dataQuality) {
    }

    private static Map<String, io.driftwatch.drift.DataQuality> quality(Map<String, ColumnReference> refs,
                                                                        Map<String, Sample> cur, Map<String, ColumnInput> inputs) {
        Map<String, Long> unparsable = new LinkedHashMap<>();
        inputs.forEach((name, in) -> unparsable.put(name, (long) in.current().count()));
        Map<String, Sample> ordered = new java.util.TreeMap<>(cur);
        return io.driftwatch.drift.DataQuality.of(refs, ordered, unparsable);
    }

    /** {@code tests} empty means the automatic choice; {@code types} overrides the inferred type of a column. */
    public Result compare(Table reference, Table current, List<String> columns, List<String> tests,
                          TestRegistry registry, Map<String, ColumnType> types) {
        Map<String, ColumnType> typeOf = new LinkedHashMap<>();
        for (String c : columns) {
            typeOf.put(c, types.containsKey(c) ? types.get(c) : inferred(reference.column(c), current.column(c)));
        }
        Planned plan = plan(columns, typeOf::get, tests, registry);
        Map<String, ColumnReference> refs = new ConcurrentHashMap<>();
        Map<String, Sample> cur = new ConcurrentHashMap<>();
        Map<String, ColumnInput> inputs = new ConcurrentHashMap<>();
        plan.all().parallelStream().forEach(s -> {
            Table.Column r = reference.column(s.name());
            Table.Column c = current.column(s.name());
            String note = plan.notes().get(s.name());
            if (s.type() == ColumnType.NUMERIC) { // each numeric view once: a text column's is a parse
                Table.NumericColumn rn = r.numeric();
                Table.NumericColumn cn = c.numeric();
                refs.put(s.name(), ColumnSamples.fit(Samples.numeric(rn.numbers(), rn.size())));
                cur.put(s.name(), Samples.numeric(cn.numbers(), cn.size()));
                inputs.put(s.name(), new ColumnInput(rn.unparsable(), cn.unparsable(), note));
            } else {
                refs.put(s.name(), ColumnSamples.fit(Samples.categorical(r.text().values())));
                cur.put(s.name(), Samples.categorical(c.text().values()));
                inputs.put(s.name(), new ColumnInput(Table.Unparsable.NONE, Table.Unparsable.NONE, note));
            }
        });
        DriftReport tested = engine.compare(plan.tested(), refs, cur);
        return new Result(withUntested(tested, plan, refs, cur, columns), inputs,
                () -> io.driftwatch.drift.Distribution.of(refs, cur), quality(refs, cur, inputs));
    }

    /** The same comparison in sketch mode, from two accumulated sets of column sketches. */
    public Result compare(SketchAccumulator reference, SketchAccumulator current, List<String> columns,
                          List<String> tests, TestRegistry registry, Map<String, ColumnType> types) {
        Planned plan = plan(columns, name -> types.getOrDefault(name,
                reference.isNumeric(name) && current.isNumeric(name) ? ColumnType.NUMERIC : ColumnType.CATEGORICAL),
                tests, registry);
        Map<String, ColumnReference> refs = new ConcurrentHashMap<>();
        Map<String, Sample> cur = new ConcurrentHashMap<>();
        Map<String, ColumnInput> inputs = new LinkedHashMap<>();
        for (ColumnSpec s : plan.all()) {
            Sample r = reference.sample(s.name());
            Sample c = current.sample(s.name());
            if (s.type() == ColumnType.CATEGORICAL) {
                r = categorical(r);
                c = categorical(c);
            }
            refs.put(s.name(), ColumnSamples.fit(r));
            cur.put(s.name(), c);
            inputs.put(s.name(), new ColumnInput(Table.Unparsable.NONE, Table.Unparsable.NONE, plan.notes().get(s.name())));
        }
        DriftReport tested = engine.compare(plan.tested(), refs, cur);
        return new Result(withUntested(tested, plan, refs, cur, columns), inputs,
                () -> io.driftwatch.drift.Distribution.of(refs, cur), quality(refs, cur, inputs));
    }

    /** The type a column's cells suggest over both files. */
    static ColumnType inferred(Table.Column reference, Table.Column current) {
        Table.NumericColumn r = reference.numeric();
        Table.NumericColumn c = current.numeric();
        long odd = r.unparsable().count() + c.unparsable().count();
        long cells = r.nonMissing() + c.nonMissing();
        return cells > odd && odd <= UNPARSABLE_SHARE * cells ? ColumnType.NUMERIC : ColumnType.CATEGORICAL;
    }

    /** Each column's spec (tests that apply), the untested columns' reasons and the notes on dropped tests. */
    private record Planned(List<ColumnSpec> all, List<ColumnSpec> tested, Map<String, String> reasons,
                           Map<String, String> notes) {
    }

    private static Planned plan(List<String> columns, java.util.function.Function<String, ColumnType> typeOf,
                                List<String> tests, TestRegistry registry) {
        List<ColumnSpec> all = new ArrayList<>();
        List<ColumnSpec> tested = new ArrayList<>();
        Map<String, String> reasons = new LinkedHashMap<>();
        Map<String, String> notes = new LinkedHashMap<>();
        for (String name : columns) {
            ColumnType type = typeOf.apply(name);
            List<String> applicable = tests.stream()
                    .filter(t -> registry.byName(t).map(d -> d.supports(type)).orElse(false)).toList();
            List<String> dropped = tests.stream().filter(t -> !applicable.contains(t)).toList();
            ColumnSpec spec = new ColumnSpec(name, name, type, applicable);
            all.add(spec);
            String why = String.join(", ", dropped) + (dropped.size() == 1 ? " does" : " do") + " not apply to "
                    + type.label() + " columns";
            if (!tests.isEmpty() && applicable.isEmpty()) {
                reasons.put(name, "no test asked for applies: " + why + " (see --types)");
            } else {
                tested.add(spec);
                if (!dropped.isEmpty()) {
                    notes.put(name, why);
                }
            }
        }
        return new Planned(all, tested, reasons, notes);
    }

    /** The tested columns' results with the untested columns put back in order, INCONCLUSIVE with their reason. */
    private static DriftReport withUntested(DriftReport tested, Planned plan, Map<String, ColumnReference> refs,
                                            Map<String, Sample> cur, List<String> order) {
        if (plan.reasons().isEmpty()) {
            return tested;
        }
        List<ColumnResult> out = new ArrayList<>();
        Map<String, ColumnType> types = new LinkedHashMap<>();
        plan.all().forEach(s -> types.put(s.name(), s.type()));
        for (String name : order) {
            String reason = plan.reasons().get(name);
            if (reason == null) {
                tested.column(name).ifPresent(out::add);
                continue;
            }
            Sample r = refs.get(name).sample();
            Sample c = cur.get(name);
            out.add(new ColumnResult(name, types.get(name), r.size(), c.size(), r.missing(), c.missing(),
                    ColumnStatus.INCONCLUSIVE, reason, List.of(), List.of()));
        }
        return new DriftReport(out, DriftReport.verdictOf(out));
    }

    /** A numeric sketch on one side of a categorical comparison: its quantiles cannot be categories. */
    private static Sample categorical(Sample s) {
        return s instanceof Sample.NumericSketch n ? new Sample.Categorical(Map.of(), n.missing() + n.size()) : s;
    }
}
