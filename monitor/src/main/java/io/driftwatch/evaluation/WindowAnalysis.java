package io.driftwatch.evaluation;

import io.driftwatch.config.ModelConfig;
import io.driftwatch.drift.ColumnReference;
import io.driftwatch.drift.ColumnSpec;
import io.driftwatch.drift.DriftEngine;
import io.driftwatch.drift.DriftReport;
import io.driftwatch.drift.SegmentReferences;
import io.driftwatch.quality.Quality;
import io.driftwatch.quality.QualityReport;
import io.driftwatch.rules.Scope;
import io.driftwatch.source.AggregatePlan;
import io.driftwatch.source.TimeRange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything tested in one window, whoever asks (the scheduled evaluation, a backtest): the model's drift,
 * its segments', a version comparison, quality, data quality and the model-level signals, with the rule
 * metrics of each scope and the report as stored. Publishing metrics is the caller's business.
 */
final class WindowAnalysis {
    private final ModelConfig model;
    private final DriftEngine engine;
    private final ModelSignals signals;
    private final List<ColumnSpec> specs;

    WindowAnalysis(ModelConfig model, DriftEngine engine, ModelSignals signals) {
        this.model = model;
        this.engine = engine;
        this.signals = signals;
        this.specs = Columns.specs(model.columns());
    }

    /**
     * The window's results: the report, quality, each scope's results for the rules, the report's JSON and
     * distributions, the segments' reports, the comparison, and the model-level signal metrics
     * ({@code data.*}, {@code multivariate.*}, {@code estimated.*}).
     */
    record Results(DriftReport report, QualityReport quality, List<Scope.Results> scoped, String json, String detail,
                   Map<String, DriftReport> segments, VersionComparison.Result compared, Map<String, Double> signalMetrics) {
    }

    Results analyze(Window w, TimeRange range, Map<String, Double> health) {
        return analyze(w, range, health, true);
    }

    /** The same; without {@code stored}, the report's JSON and distributions (only needed to store it) are null. */
    Results analyze(Window w, TimeRange range, Map<String, Double> health, boolean stored) {
        Map<String, ColumnReference> refs = w.reference().columns();
        DriftReport report = engine.compare(specs, refs, w.samples());
        QualityReport quality = Quality.of(w.labelled().stream()
                .filter(r -> r.version() == null || w.version().equals(r.version())).toList());
        List<Scope.Results> scoped = new ArrayList<>();
        Map<String, Double> modelMetrics = new LinkedHashMap<>(quality.metrics());
        health.forEach((k, v) -> modelMetrics.put("health." + k, v));
        modelMetrics.putAll(io.driftwatch.rules.IntegrityMetrics.ranges(w.samples()));
        Map<String, Object> sections = new LinkedHashMap<>();
        Map<String, Double> signalMetrics = new LinkedHashMap<>();
        DataSignals.Result data = DataSignals.of(model, refs, w.samples(), w.fieldIssues(), w.labelled(), !w.pushdown());
        signalMetrics.putAll(data.metrics());
        sections.put("data_quality", data.json());
        ModelSignals.Result more = signals.of(w.version(), range, w.labelled(), w.pushdown(),
                java.util.Objects.hash(model.name(), w.documents()));
        signalMetrics.putAll(more.metrics());
        sections.putAll(more.json());
        modelMetrics.putAll(signalMetrics);
        scoped.add(new Scope.Results(Scope.MODEL, "", report, modelMetrics));
        Map<String, DriftReport> segments = new LinkedHashMap<>();
        Set<String> listed = w.segments().keySet();
        w.segments().forEach((value, samples) -> {
            Map<String, ColumnReference> segRefs = AggregatePlan.OTHER.equals(value)
                    ? SegmentReferences.except(refs, listed) : SegmentReferences.of(refs, value);
            DriftReport r = engine.compare(specs, segRefs, samples);
            segments.put(value, r);
            scoped.add(new Scope.Results(Scope.SEGMENT, value, r, Map.of()));
        });
        VersionComparison.Result compared = null;
        if (model.compare().isPresent() && model.prediction().isPresent()) {
            compared = VersionComparison.of(w.compared(), model.compare().get(), model.prediction().get(), engine);
            scoped.add(new Scope.Results(Scope.COMPARISON, compared.label(), compared.drift(), compared.metrics()));
        }
        if (!stored) {
            return new Results(report, quality, scoped, null, null, segments, compared, signalMetrics);
        }
        EvaluationReport full = new EvaluationReport(report, w.pushdown(), quality, health, segments, compared,
                w.fieldIssues(), sections);
        String detail = io.driftwatch.util.Json.write(io.driftwatch.drift.ReportJson.distributions(
                io.driftwatch.drift.Distribution.of(refs, w.samples())));
        return new Results(report, quality, scoped, full.json(), detail, segments, compared, signalMetrics);
    }
}
