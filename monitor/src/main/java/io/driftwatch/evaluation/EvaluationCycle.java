package io.driftwatch.evaluation;

import io.driftwatch.alert.Alert;
import io.driftwatch.alert.AlertFactory;
import io.driftwatch.alert.outbox.AlertSink;
import io.driftwatch.config.FeatureSpec;
import io.driftwatch.config.ModelConfig;
import io.driftwatch.drift.DriftEngine;
import io.driftwatch.rules.InstanceKey;
import io.driftwatch.drift.DriftReport;
import io.driftwatch.drift.Verdict;
import io.driftwatch.metrics.Metrics;
import io.driftwatch.metrics.ModelPublisher;
import io.driftwatch.rules.RuleEvaluator;
import io.driftwatch.rules.RuleEvent;
import io.driftwatch.source.PredictionSource;
import io.driftwatch.source.SourceException;
import io.driftwatch.source.TimeRange;
import io.driftwatch.store.Database;
import io.driftwatch.rules.RuleStateStore;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.Optional;
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
    public record Deps(Database db, ReferenceLoader references, DriftEngine engine, RuleEvaluator rules,
                AlertFactory alertFactory, AlertSink sink, Metrics metrics, ModelPublisher publisher,
                SourceHealth health, Clock clock, ActionTrigger actions, HealthReader podHealth,
                ModelCursors cursors) {
    }

    private final ModelConfig model;
    private final PredictionSource source;
    private final Deps deps;
    private final EvaluationStore evaluations;
    private final RuleStateStore ruleStates;
    private final Backoff backoff = new Backoff();
    private final WindowReader reader;
    /** When a window last held records (empty: never, as far as the store knows); read from the store once. */
    private Optional<Instant> lastTraffic;
    /** Whether the last window was empty (true at start, so that traffic resolves a no_data left firing). */
    private boolean lastWindowEmpty = true;
    /** Why the model is blind though its source answers (every line skipped), or null. */
    private String blind;
    private final WindowAnalysis analysis;

    public EvaluationCycle(ModelConfig model, PredictionSource source, Deps deps) {
        this.model = model;
        this.source = source;
        this.deps = deps;
        this.evaluations = new EvaluationStore(deps.db());
        this.ruleStates = new RuleStateStore(deps.db());
        this.reader = new WindowReader(model, source, new PushdownPlan(deps.engine().registry()));
        this.analysis = new WindowAnalysis(model, deps.engine(), new ModelSignals(model, source));
    }

    /** The model's source (a reload that leaves the source unchanged hands it to the new cycle). */
    public PredictionSource source() {
        return source;
    }

    public ModelConfig model() {
        return model;
    }

    /**
     * Runs one evaluation and returns what was stored, or null when a down source is being backed off or
     * another replica committed an evaluation of the model while this one ran.
     */
    public synchronized EvaluationRow run() throws SQLException {
        Instant started = deps.clock().instant();
        TimeRange range = new TimeRange(started.minus(model.window()), started);
        String name = model.name();
        LOG.atDebug().addKeyValue("model", name).log("evaluation of {} started", name);
        if (backoff.skip()) {
            LOG.atInfo().addKeyValue("model", name).log("source of {} is down: backing off this cycle", name);
            return null;
        }
        Window w;
        try {
            w = reader.read(range, v -> deps.references().profile(model, source, v, range));
            backoff.succeeded();
            String blind = blindness(w);
            deps.health().report(sourceName(), Map.of("model", name), blind == null, blind);
        } catch (SourceException e) {
            backoff.failed();
            deps.health().report(sourceName(), Map.of("model", name), false, e.getMessage());
            return failed("source", started, range, e.getMessage());
        } catch (ReferenceLoader.ReferenceException e) {
            return failed("reference", started, range, e.getMessage());
        }
        countRecords(w);
        watchSilence(w, started);
        WindowAnalysis.Results results = analyze(w, range);
        String predictionName = model.prediction().map(FeatureSpec::name).orElse(null);
        deps.publisher().publish(name, w.version(), results.report(), results.quality(),
                predictionName == null ? null : w.samples().get(predictionName));
        return commit(started, range, w, results);
    }

    /**
     * Why the source, though it answers, leaves the model blind: every line read since its last usable
     * record was skipped (a timestamp in the wrong unit, a wrong field name). Kept until a usable record
     * comes, so that a file read once does not look healthy again on the next, empty read. Null: not blind.
     */
    private String blindness(Window w) {
        if (w.documents() > 0) {
            blind = null;
        } else if (w.skippedTotal() > 0) {
            String reasons = w.skipped().entrySet().stream().filter(e -> e.getValue() > 0)
                    .map(e -> e.getKey().label() + ": " + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
            if (blind == null) {
                LOG.atWarn().addKeyValue("model", model.name()).log("{}: every line read was skipped ({}); the model is "
                        + "not evaluated until a usable record comes", model.name(), reasons);
            }
            blind = "every line read was skipped (" + reasons + "): see driftwatch_records_skipped_total and the log";
        }
        return blind;
    }

    /**
     * A model that had traffic and has seen only empty windows for no_data_after raises no_data; the first
     * window with records after empty ones resolves it. Windows with records in a row touch nothing.
     */
    private void watchSilence(Window w, Instant now) throws SQLException {
        if (lastTraffic == null) {
            lastTraffic = evaluations.lastWithRecords(model.name());
        }
        boolean empty = w.documents() == 0;
        if (!empty) {
            lastTraffic = Optional.of(now);
            if (lastWindowEmpty) {
                deps.health().noData(model.name(), false, model.noDataAfter());
            }
        } else if (lastTraffic.isPresent() && !now.isBefore(lastTraffic.get().plus(model.noDataAfter()))) {
            deps.health().noData(model.name(), true, model.noDataAfter());
        }
        lastWindowEmpty = empty;
    }

    private WindowAnalysis.Results analyze(Window w, TimeRange range) {
        WindowAnalysis.Results r = analysis.analyze(w, range, health());
        deps.publisher().scoped(model.name(), r.segments(), r.compared() == null ? null : r.compared().label(),
                r.compared() == null ? Map.of() : r.compared().metrics(), r.compared() == null ? null : r.compared().drift());
        r.signalMetrics().forEach((key, v) -> {
            String[] parts = key.split("\\.");
            Metrics m = deps.metrics();
            switch (parts[0]) {
                case "data" -> m.dataQuality.labelValues(model.name(), parts.length == 3 ? parts[2] : "", parts[1]).set(v);
                case "multivariate" -> m.multivariate.labelValues(model.name(), parts[1]).set(v);
                case "estimated" -> m.estimated.labelValues(model.name(), parts[1], parts.length == 3 ? parts[2] : "estimate")
                        .set(v);
                default -> { }
            }
        });
        return r;
    }

    private EvaluationRow commit(Instant started, TimeRange window, Window w, WindowAnalysis.Results results) throws SQLException {
        Instant finished = deps.clock().instant();
        String name = model.name();
        DriftReport report = results.report();
        long version = deps.cursors().version(name);
        RuleEvaluator.Outcome outcome = deps.rules().evaluate(name, w.version(), results.scoped(),
                ruleStates.forModel(name), finished);
        List<Alert> raised = outcome.events().stream().map(e -> deps.alertFactory().alert(e, finished)).toList();
        EvaluationRow row = new EvaluationRow(0, name, w.version(), started, finished, window.from(), window.to(),
                report.verdict().name(), (int) w.documents(), w.skippedTotal(), (int) report.driftedColumns(),
                null, results.json());
        long id;
        try {
            id = deps.sink().commit(raised, c -> {
                deps.cursors().advance(c, name, version, window.to(), finished);
                long evalId = evaluations.insert(c, row);
                evaluations.insertDetail(c, evalId, name, results.detail());
                ruleStates.save(c, outcome.states());
                return evalId;
            });
        } catch (ModelCursors.Superseded e) {
            deps.metrics().evaluationsSuperseded.labelValues(name).inc();
            LOG.atWarn().addKeyValue("model", name).log("evaluation of {} not committed: {}", name, e.getMessage());
            return null;
        }
        published(report, finished, started);
        logEvaluation(report, w, outcome.events());
        trigger(outcome.events(), report, id, w.version());
        return withId(row, id);
    }



    /** The model's serving health, or nothing when it has none or the Kubernetes API cannot be read. */
    private Map<String, Double> health() {
        if (model.health().isEmpty()) {
            return Map.of();
        }
        try {
            Map<String, Double> h = deps.podHealth().read(model);
            h.forEach((k, v) -> deps.metrics().modelHealth.labelValues(model.name(), k).set(v));
            deps.health().report("kubernetes:" + model.name(), Map.of("model", model.name()), true, null);
            return h;
        } catch (SourceException | SQLException e) {
            LOG.atWarn().addKeyValue("model", model.name()).log("health of {} unavailable: {}", model.name(), e.getMessage());
            try {
                deps.health().report("kubernetes:" + model.name(), Map.of("model", model.name()), false, e.getMessage());
            } catch (SQLException ignored) {
                // the health alert is best effort; the evaluation goes on
            }
            return Map.of();
        }
    }

    /** Each rule that started firing may trigger an action; the evidence goes into the audit trail. */
    private void trigger(List<RuleEvent> events, DriftReport report, long evaluationId, String version) {
        for (RuleEvent e : events) {
            if (!e.firing()) {
                continue;
            }
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("rule", e.rule().name());
            evidence.put("expr", e.rule().condition().toString());
            evidence.put("value", e.state().lastValue());
            String feature = e.state().instance() instanceof InstanceKey.Column c ? c.feature() : "";
            evidence.put("feature", e.state().instance().text());
            evidence.put("evaluation_id", evaluationId);
            evidence.put("model_version", version);
            evidence.putAll(e.labels());
            report.column(feature).ifPresent(c -> evidence.put("tests", c.tests()));
            deps.actions().onFiring(model.name(), version, e.rule().name(), evidence, model.window());
        }
    }

    private EvaluationRow failed(String stage, Instant started, TimeRange window, String error) throws SQLException {
        Instant finished = deps.clock().instant();
        deps.metrics().evaluationErrors.labelValues(model.name(), stage).inc();
        LOG.atError().addKeyValue("model", model.name()).addKeyValue("stage", stage)
                .log("evaluation of {} is inconclusive: {}", model.name(), error);
        EvaluationRow row = new EvaluationRow(0, model.name(), null, started, finished, window.from(), window.to(),
                Verdict.INCONCLUSIVE.name(), 0, 0, 0, error, EvaluationReport.FAILED_JSON);
        long id = deps.db().inTransaction(c -> evaluations.insert(c, row));
        published(new DriftReport(List.of(), Verdict.INCONCLUSIVE), finished, started);
        return withId(row, id);
    }

    /** The source's name in metrics, alerts and readiness. */
    String sourceName() {
        return "logs:" + model.name();
    }

    private void countRecords(Window data) {
        deps.metrics().recordsRead.labelValues(model.name()).inc(data.documents());
        data.skipped().forEach((reason, n) -> deps.metrics().recordsSkipped.labelValues(model.name(), reason.label()).inc(n));
        data.fieldIssues().forEach((feature, c) -> {
            if (c.badType() > 0) {
                deps.metrics().fieldsSkipped.labelValues(model.name(), feature, "bad_field_type").inc(c.badType());
                LOG.atWarn().addKeyValue("model", model.name()).addKeyValue("feature", feature)
                        .addKeyValue("reason", "bad_field_type").addKeyValue("count", c.badType())
                        .log("{}: {} value(s) of {} left out as bad_field_type (first: {})", model.name(), c.badType(),
                                feature, c.example());
            }
            if (c.truncated() > 0) {
                deps.metrics().fieldsSkipped.labelValues(model.name(), feature, "truncated").inc(c.truncated());
            }
        });
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

    private void logEvaluation(DriftReport report, Window data, List<RuleEvent> events) {
        String version = data.version();
        String drifted = report.columns().stream().filter(c -> c.drift()).map(c -> c.name())
                .collect(Collectors.joining(","));
        LOG.atInfo().addKeyValue("model", model.name()).addKeyValue("version", version)
                .addKeyValue("verdict", report.verdict().label()).addKeyValue("records", data.documents()).addKeyValue("mode", data.pushdown() ? "pushdown" : "pull")
                .addKeyValue("skipped", data.skippedTotal()).addKeyValue("drifted", drifted)
                .log("evaluated {} v{}: {} ({} records{}{})", model.name(), version, report.verdict().label(),
                        data.documents(), drifted.isEmpty() ? "" : ", drifted: " + drifted,
                        events.isEmpty() ? "" : ", " + events.size() + " alert event(s)");
    }

    private static EvaluationRow withId(EvaluationRow r, long id) {
        return new EvaluationRow(id, r.model(), r.version(), r.startedAt(), r.finishedAt(), r.windowFrom(),
                r.windowTo(), r.verdict(), r.records(), r.skipped(), r.drifted(), r.error(), r.report());
    }

}
