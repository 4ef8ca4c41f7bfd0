package io.driftwatch.app;

import io.driftwatch.config.Durations;
import io.driftwatch.config.ModelConfig;
import io.driftwatch.evaluation.GateEvaluator;
import io.driftwatch.evaluation.GateStore;
import io.driftwatch.http.GateRefused;
import io.driftwatch.metrics.Metrics;
import io.driftwatch.source.PredictionSource;
import io.driftwatch.source.SourceException;
import io.driftwatch.source.SourceTypes;
import io.driftwatch.store.Database;
import io.driftwatch.util.Json;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gate behind {@code /api/v1/gate}: each model's own reader of its source (so a gate's window never
 * disturbs the scheduled evaluations' incremental reading), the evaluator, the audit trail and the metric.
 */
final class Gates {
    private static final Logger LOG = LoggerFactory.getLogger(Gates.class);

    private final List<ModelConfig> models;
    private final GateEvaluator evaluator;
    private final GateStore store;
    private final Metrics metrics;
    private final Clock clock;
    private final Map<String, PredictionSource> sources = new ConcurrentHashMap<>();

    Gates(List<ModelConfig> models, Database db, GateEvaluator evaluator, Metrics metrics, Clock clock) {
        this.models = models;
        this.evaluator = evaluator;
        this.store = new GateStore(db);
        this.metrics = metrics;
        this.clock = clock;
    }

    Map<String, Object> answer(String model, String baseline, String candidate, String window, String caller)
            throws GateRefused {
        ModelConfig m = models.stream().filter(x -> x.name().equals(model)).findFirst()
                .orElseThrow(() -> new GateRefused(404, "unknown model '" + model + "'"));
        Duration w = window == null ? m.gate().window().orElse(m.window()) : Durations.parse(window)
                .orElseThrow(() -> new GateRefused(400, "window must be a duration such as 10m, got '" + window + "'"));
        if (baseline.equals(candidate)) {
            throw new GateRefused(400, "baseline and candidate are both '" + baseline + "'");
        }
        GateEvaluator.Verdict v;
        try {
            PredictionSource source = sources.get(model);
            if (source == null) {
                source = SourceTypes.open(m.source());
                PredictionSource raced = sources.putIfAbsent(model, source);
                source = raced == null ? source : raced;
            }
            synchronized (source) {
                v = evaluator.judge(m, source, baseline, candidate, w);
            }
        } catch (SourceException e) {
            metrics.gateCalls.labelValues(model, "error").inc();
            throw new GateRefused(503, "the source of '" + model + "' cannot be read: " + e.getMessage());
        }
        Map<String, Object> json = v.json();
        metrics.gateCalls.labelValues(model, v.verdict()).inc();
        try {
            store.record(model, v, caller, Json.write(json), clock.instant());
        } catch (SQLException e) {
            LOG.atWarn().addKeyValue("model", model).log("gate call on {} not audited: {}", model, e.getMessage());
        }
        LOG.atInfo().addKeyValue("model", model).addKeyValue("verdict", v.verdict()).addKeyValue("caller", caller)
                .log("gate {} {} vs {}: {} ({})", model, candidate, baseline, v.verdict(), String.join("; ", v.reasons()));
        return json;
    }
}
