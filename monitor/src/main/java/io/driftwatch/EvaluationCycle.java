package io.driftwatch;

import io.driftwatch.alert.Alert;
import io.driftwatch.alert.AlertDispatcher;
import io.driftwatch.alert.AlertFactory;
import io.driftwatch.config.FeatureSpec;
import io.driftwatch.config.ModelConfig;
import io.driftwatch.drift.ColumnSamples;
import io.driftwatch.drift.DriftEngine;
import io.driftwatch.drift.DriftReport;
import io.driftwatch.drift.ReferenceProfile;
import io.driftwatch.drift.Verdict;
import io.driftwatch.drift.Sample;
import io.driftwatch.metrics.Metrics;
import io.driftwatch.metrics.ModelPublisher;
import io.driftwatch.quality.Quality;
import io.driftwatch.quality.QualityReport;
import io.driftwatch.rules.RuleEvaluator;
import io.driftwatch.rules.RuleEvent;
import io.driftwatch.source.PredictionRecord;
import io.driftwatch.source.PredictionSource;
import io.driftwatch.source.SourceException;
import io.driftwatch.source.TimeRange;
import io.driftwatch.source.WindowData;
import io.driftwatch.store.AlertStore;
import io.driftwatch.store.Database;
import io.driftwatch.store.EvaluationRow;
import io.driftwatch.store.EvaluationStore;
import io.driftwatch.store.RuleStateStore;
import io.driftwatch.util.Json;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One evaluation of one model: read the window, get the reference, test drift, apply the rules, and
 * store the evaluation, the new rule states and the alerts in one transaction before notifying. A
 * source that cannot be read gives an INCONCLUSIVE evaluation with its reason; rule states stay as
 * they were.
 */
public final class EvaluationCycle {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluationCycle.class);

    /** The collaborators the cycle needs; one set shared by all models. */
    record Deps(Database db, ReferenceLoader references, DriftEngine engine, RuleEvaluator rules,
                AlertFactory alertFactory, AlertDispatcher dispatcher, Metrics metrics, ModelPublisher publisher,
                SourceHealth health, Clock clock) {
    }

    private final ModelConfig model;
    private final PredictionSource source;
    private final Deps deps;
    private final EvaluationStore evaluations;
    private final RuleStateStore ruleStates;
    private final AlertStore alerts;
    private final Backoff backoff = new Backoff();

    EvaluationCycle(ModelConfig model, PredictionSource source, Deps deps) {
        this.model = model;
        this.source = source;
        this.deps = deps;
        this.evaluations = new EvaluationStore(deps.db());
        this.ruleStates = new RuleStateStore(deps.db());
        this.alerts = new AlertStore(deps.db());
    }

    public ModelConfig model() {
        return model;
    }

    /** Runs one evaluation and returns what was stored, or null when a down source is being backed off. */
    public EvaluationRow run() throws SQLException {
        Instant started = deps.clock().instant();
        TimeRange window = new TimeRange(started.minus(model.window()), started);
        String name = model.name();
        LOG.atDebug().addKeyValue("model", name).log("evaluation of {} started", name);
        WindowData data;
        if (backoff.skip()) {
            LOG.atInfo().addKeyValue("model", name).log("source of {} is down: backing off this cycle", name);
            return null;
        }
        try {
            data = source.read(window);
            backoff.succeeded();
            deps.health().report(sourceName(), Map.of("model", name), true, null);
        } catch (SourceException e) {
            backoff.failed();
            deps.health().report(sourceName(), Map.of("model", name), false, e.getMessage());
            return failed("source", started, window, e.getMessage());
        }
        countRecords(data);
        String version = dominantVersion(data.records());
        ReferenceProfile reference;
        try {
            reference = deps.references().profile(model, source, version);
        } catch (ReferenceLoader.ReferenceException e) {
            return failed("reference", started, window, e.getMessage());
        }
        String predictionName = model.prediction().map(FeatureSpec::name).orElse(null);
        Map<String, Sample> samples = ColumnSamples.of(data.records(), model.columns(), predictionName);
        DriftReport report = deps.engine().compare(model.columns(), reference.columns(), samples);
        QualityReport quality = Quality.of(data.records());
        deps.publisher().publish(name, version, report, quality,
                predictionName == null ? null : samples.get(predictionName));
        return commit(started, window, version, data, report, quality, name);
    }

    private EvaluationRow commit(Instant started, TimeRange window, String version, WindowData data,
                                 DriftReport report, QualityReport quality, String name) throws SQLException {
        Instant finished = deps.clock().instant();
        RuleEvaluator.Outcome outcome = deps.rules().evaluate(name, version, report, quality, ruleStates.forModel(name),
                finished);
        List<Alert> raised = outcome.events().stream().map(e -> deps.alertFactory().alert(e, finished)).toList();
        EvaluationRow row = new EvaluationRow(0, name, version, started, finished, window.from(), window.to(),
                report.verdict().name(), data.records().size(), data.skippedTotal(), (int) report.driftedColumns(),
                null, Json.write(report));
        List<Long> alertIds = new ArrayList<>();
        long id = deps.db().inTransaction(c -> {
            long evalId = evaluations.insert(c, row);
            ruleStates.save(c, outcome.states());
            for (Alert a : raised) {
                alertIds.add(alerts.insert(c, a));
            }
            return evalId;
        });
        published(report, finished, started);
        for (int i = 0; i < raised.size(); i++) {
            deps.dispatcher().dispatch(alertIds.get(i), raised.get(i));
        }
        logEvaluation(report, data, version, outcome.events());
        return withId(row, id);
    }

    private EvaluationRow failed(String stage, Instant started, TimeRange window, String error) throws SQLException {
        Instant finished = deps.clock().instant();
        deps.metrics().evaluationErrors.labelValues(model.name(), stage).inc();
        LOG.atError().addKeyValue("model", model.name()).addKeyValue("stage", stage)
                .log("evaluation of {} is inconclusive: {}", model.name(), error);
        EvaluationRow row = new EvaluationRow(0, model.name(), null, started, finished, window.from(), window.to(),
                Verdict.INCONCLUSIVE.name(), 0, 0, 0, error, "{\"columns\":[],\"verdict\":\"INCONCLUSIVE\"}");
        long id = deps.db().inTransaction(c -> evaluations.insert(c, row));
        published(new DriftReport(List.of(), Verdict.INCONCLUSIVE), finished, started);
        return withId(row, id);
    }

    /** The source's name in metrics, alerts and readiness. */
    String sourceName() {
        return "logs:" + model.name();
    }

    private void countRecords(WindowData data) {
        deps.metrics().recordsRead.labelValues(model.name()).inc(data.records().size());
        data.skipped().forEach((reason, n) -> deps.metrics().recordsSkipped.labelValues(model.name(), reason.label()).inc(n));
    }

    private void published(DriftReport report, Instant finished, Instant started) {
        Metrics m = deps.metrics();
        String name = model.name();
        m.evaluations.labelValues(name, report.verdict().label()).inc();
        m.evaluationDuration.labelValues(name).observe((finished.toEpochMilli() - started.toEpochMilli()) / 1000.0);
        m.lastEvaluation.labelValues(name).set(finished.toEpochMilli() / 1000.0);
        m.verdict.labelValues(name).set(report.verdict().code());
        m.driftedFeatures.labelValues(name).set(report.driftedColumns());
    }

    private void logEvaluation(DriftReport report, WindowData data, String version, List<RuleEvent> events) {
        String drifted = report.columns().stream().filter(c -> c.drift()).map(c -> c.name())
                .collect(Collectors.joining(","));
        LOG.atInfo().addKeyValue("model", model.name()).addKeyValue("version", version)
                .addKeyValue("verdict", report.verdict().label()).addKeyValue("records", data.records().size())
                .addKeyValue("skipped", data.skippedTotal()).addKeyValue("drifted", drifted)
                .log("evaluated {} v{}: {} ({} records{}{})", model.name(), version, report.verdict().label(),
                        data.records().size(), drifted.isEmpty() ? "" : ", drifted: " + drifted,
                        events.isEmpty() ? "" : ", " + events.size() + " alert event(s)");
    }

    static String dominantVersion(List<PredictionRecord> records) {
        Map<String, Long> counts = records.stream().filter(r -> r.version() != null)
                .collect(Collectors.groupingBy(PredictionRecord::version, Collectors.counting()));
        return counts.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey).orElse("unknown");
    }

    private static EvaluationRow withId(EvaluationRow r, long id) {
        return new EvaluationRow(id, r.model(), r.version(), r.startedAt(), r.finishedAt(), r.windowFrom(),
                r.windowTo(), r.verdict(), r.records(), r.skipped(), r.drifted(), r.error(), r.report());
    }

}
