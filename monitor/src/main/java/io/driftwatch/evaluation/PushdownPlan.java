package io.driftwatch.evaluation;

import io.driftwatch.drift.BinnedStats;
import io.driftwatch.drift.Categories;
import io.driftwatch.drift.ColumnReference;
import io.driftwatch.drift.TestDefaults;
import io.driftwatch.drift.Sample;
import io.driftwatch.drift.Samples;
import io.driftwatch.drift.Sketches;
import io.driftwatch.drift.TestRegistry;

import io.driftwatch.config.FeatureSpec;
import io.driftwatch.config.FeatureType;
import io.driftwatch.source.AggregatePlan;
import io.driftwatch.source.Aggregates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a model's columns and fitted references into what the source must count (pushdown mode), and the
 * counts back into samples. Columns tested by chi-square (categories, and numbers with few distinct
 * values) are counted by term; the others into ranges on the reference's PSI edges plus its quantiles.
 */
public final class PushdownPlan {
    /** Quantiles per segment column: coarser, so that segments stay within the cluster's bucket limit. */
    public static final int SEGMENT_GRID = 100;

    private final TestRegistry registry;

    public PushdownPlan(TestRegistry registry) {
        this.registry = registry;
    }

    /** The columns to count, or empty when a column's tests need both values and bins (then pull). */
    public Optional<List<AggregatePlan.Column>> columns(List<FeatureSpec> specs, Map<String, ColumnReference> refs,
                                                        String predictionColumn, int grid) {
        List<AggregatePlan.Column> out = new ArrayList<>();
        for (FeatureSpec s : specs) {
            ColumnReference ref = refs.get(s.name());
            if (ref == null) {
                continue;
            }
            String field = s.name().equals(predictionColumn) ? null : s.field();
            List<TestDefaults.Counting> counting = registry.choose(Columns.type(s.type()), s.tests(), ref).stream()
                    .map(t -> t.defaults().counting()).toList();
            boolean byTerm = ref instanceof ColumnReference.Categorical || counting.contains(TestDefaults.Counting.TERMS);
            if (counting.contains(TestDefaults.Counting.NONE)
                    || (byTerm && counting.contains(TestDefaults.Counting.RANGES))) {
                return Optional.empty();
            }
            if (byTerm) {
                int known = Categories.counts(ref.sample()).size();
                out.add(new AggregatePlan.Terms(s.name(), field, Math.min(10_000, known + 100),
                        s.type() == FeatureType.NUMERIC));
            } else {
                out.add(new AggregatePlan.Ranges(s.name(), field, BinnedStats.edges(ref, grid)));
            }
        }
        return Optional.of(out);
    }

    /** The samples the engine tests, from the source's counts. */
    public static Map<String, Sample> samples(Map<String, Aggregates.Counts> counts, List<FeatureSpec> specs) {
        Map<String, Sample> out = new HashMap<>();
        for (FeatureSpec s : specs) {
            Aggregates.Counts c = counts.get(s.name());
            if (c != null) {
                out.put(s.name(), sample(c, s.type()));
            }
        }
        return out;
    }

    static Sample sample(Aggregates.Counts c, FeatureType type) {
        if (c instanceof Aggregates.RangeCounts r) {
            return new Sample.Binned(r.edges(), r.counts(), r.min(), r.max(), r.missing());
        }
        Aggregates.TermCounts t = (Aggregates.TermCounts) c;
        Map<String, Long> counts = new HashMap<>();
        t.counts().forEach((k, v) -> counts.merge(type == FeatureType.NUMERIC
                ? Samples.toCategory(Double.parseDouble(k)) : k, v, Long::sum));
        if (t.rest() > 0) {
            counts.merge(Sketches.OTHER, t.rest(), Long::sum);
        }
        return new Sample.Categorical(counts, t.missing());
    }
}
