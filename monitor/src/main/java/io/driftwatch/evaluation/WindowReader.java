package io.driftwatch.evaluation;

import io.driftwatch.config.FeatureSpec;
import io.driftwatch.config.ModelConfig;
import io.driftwatch.drift.ColumnSamples;
import io.driftwatch.drift.ReferenceProfile;
import io.driftwatch.drift.SegmentReferences;
import io.driftwatch.source.AggregatePlan;
import io.driftwatch.source.AggregatingSource;
import io.driftwatch.source.Aggregates;
import io.driftwatch.source.PredictionRecord;
import io.driftwatch.source.PredictionSource;
import io.driftwatch.source.SourceException;
import io.driftwatch.source.TimeRange;
import io.driftwatch.source.WindowData;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads one model's window: counted in the source when it can aggregate and the window is large enough
 * for its mode (pushdown), else pulled record by record. Both give the same {@link Window}.
 */
final class WindowReader {
    /** Fetches the reference of a version. */
    interface References {
        ReferenceProfile of(String version) throws SQLException, ReferenceLoader.ReferenceException;
    }

    private final ModelConfig model;
    private final PredictionSource source;
    private final PushdownPlan planner;

    WindowReader(ModelConfig model, PredictionSource source, PushdownPlan planner) {
        this.model = model;
        this.source = source;
        this.planner = planner;
    }

    Window read(TimeRange range, References references)
            throws SourceException, SQLException, ReferenceLoader.ReferenceException {
        if (source instanceof AggregatingSource a && a.mayPushdown()) {
            Map<String, Long> versions = a.versions(range);
            long documents = versions.values().stream().mapToLong(Long::longValue).sum();
            if (a.pushdown(documents)) {
                String version = dominant(versions);
                ReferenceProfile ref = references.of(version);
                Window w = pushdown(a, range, version, ref);
                if (w != null) {
                    return w;
                }
            }
        }
        return pull(range, references);
    }

    private Window pull(TimeRange range, References references)
            throws SourceException, SQLException, ReferenceLoader.ReferenceException {
        WindowData data = source.read(range);
        return of(model, data.records(), data.skipped(), references);
    }

    /** The window of records read one by one (a pull, or a backtest's buffer). */
    static Window of(ModelConfig model, List<PredictionRecord> records, Map<io.driftwatch.source.SkipReason, Long> skipped,
                     References references) throws SQLException, ReferenceLoader.ReferenceException {
        String version = dominant(records.stream().filter(r -> r.version() != null)
                .collect(Collectors.groupingBy(PredictionRecord::version, Collectors.counting())));
        // an empty window has no version: no reference is fitted (or stored) for it
        ReferenceProfile ref = records.isEmpty() ? ReferenceProfile.none(model.name())
                : references.of(version);
        String prediction = model.prediction().map(FeatureSpec::name).orElse(null);
        Map<String, Map<String, io.driftwatch.drift.Sample>> segments = model.segments()
                .map(s -> RecordSamples.bySegment(records, model.columns(), prediction, s.field(), s.top(),
                        AggregatePlan.OTHER)).orElse(Map.of());
        FieldIssues issues = new FieldIssues();
        return new Window(version, ref, records.size(), skipped,
                RecordSamples.of(records, model.columns(), prediction, issues), segments, records,
                model.compare().isPresent() ? records : List.of(), false, issues.counts());
    }

    /** The window counted in the source, or null when a column's tests cannot run on counts. */
    private Window pushdown(AggregatingSource a, TimeRange range, String version, ReferenceProfile ref)
            throws SourceException {
        String prediction = predictionName();
        var columns = planner.columns(model.columns(), ref.columns(), prediction, io.driftwatch.drift.BinnedStats.GRID);
        if (columns.isEmpty()) {
            return null;
        }
        Map<String, List<AggregatePlan.Column>> segments = new LinkedHashMap<>();
        String field = model.segments().map(ModelConfig.Segments::field).orElse(null);
        if (field != null) {
            List<String> top = a.topValues(range, field, model.segments().get().top());
            for (String v : top) {
                planner.columns(model.columns(), SegmentReferences.of(ref.columns(), v), prediction,
                        PushdownPlan.SEGMENT_GRID).ifPresent(c -> segments.put(v, c));
            }
            planner.columns(model.columns(), SegmentReferences.except(ref.columns(), java.util.Set.copyOf(top)),
                    prediction, PushdownPlan.SEGMENT_GRID).ifPresent(c -> segments.put(AggregatePlan.OTHER, c));
        }
        Aggregates counts = a.aggregate(range, new AggregatePlan(columns.get(), field, segments));
        Map<String, Map<String, io.driftwatch.drift.Sample>> bySegment = new LinkedHashMap<>();
        counts.segments().forEach((v, c) -> bySegment.put(v, PushdownPlan.samples(c, model.columns())));
        List<PredictionRecord> compared = model.compare().isPresent()
                ? a.predictions(range, List.of(model.compare().get().baseline(), model.compare().get().candidate()))
                : List.of();
        return new Window(version, ref, counts.documents(), Map.of(), PushdownPlan.samples(counts.columns(),
                model.columns()), bySegment, a.labelled(range), compared, true, Map.of());
    }

    private String predictionName() {
        return model.prediction().map(FeatureSpec::name).orElse(null);
    }

    static String dominant(Map<String, Long> counts) {
        return counts.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey).orElse("unknown");
    }
}
