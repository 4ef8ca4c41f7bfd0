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
    private final Database db;

    Gates(List<ModelConfig> models, Database db, GateEvaluator evaluator, Metrics metrics, Clock clock) {
        this.models = models;
        this.evaluator = evaluator;
        this.store = new GateStore(db);
        this.db = db;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The longest window a call may ask for, unless the model's own gate or model window is longer. */
    static final Duration MAX_WINDOW = Duration.ofDays(1);
    /** How much of a version name and of the caller's name is taken (the audit row stays small). */
    static final int MAX_VERSION = 128;
    static final int MAX_CALLER = 200;

    Map<String, Object> answer(String model, String baseline, String candidate, String window, String caller)
            throws GateRefused {
        ModelConfig m = models.stream().filter(x -> x.name().equals(model)).findFirst()
                .orElseThrow(() -> new GateRefused(404, "unknown model '" + model + "'"));
        Duration w = window(m, window);
        version("baseline", baseline);
        version("candidate", candidate);
        if (baseline.equals(candidate)) {
            throw new GateRefused(400, "baseline and candidate are both '" + baseline + "'");
        }
        caller = caller == null ? "api" : caller.replaceAll("\\p{Cntrl}", " ");
        caller = caller.length() > MAX_CALLER ? caller.substring(0, MAX_CALLER) + "…" : caller;
        GateEvaluator.Verdict v;
        try {
            PredictionSource source = sources.get(model);
            if (source == null) {
                source = SourceTypes.open(m.source(), db);
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
        final String who = caller;
        metrics.gateCalls.labelValues(model, v.verdict()).inc();
        try {
            store.record(model, v, who, Json.write(json), clock.instant());
        } catch (SQLException e) {
            LOG.atWarn().addKeyValue("model", model).log("gate call on {} not audited: {}", model, e.getMessage());
        }
        LOG.atInfo().addKeyValue("model", model).addKeyValue("verdict", v.verdict()).addKeyValue("caller", who)
                .log("gate {} {} vs {}: {} ({})", model, candidate, baseline, v.verdict(), String.join("; ", v.reasons()));
        return json;
    }

    private static Duration window(ModelConfig m, String window) throws GateRefused {
        Duration configured = m.gate().window().orElse(m.window());
        if (window == null) {
            return configured;
        }
        Duration w = Durations.parse(window)
                .orElseThrow(() -> new GateRefused(400, "window must be a duration such as 10m, got '" + window + "'"));
        Duration max = configured.compareTo(MAX_WINDOW) > 0 ? configured : MAX_WINDOW;
        if (w.isZero() || w.isNegative() || w.compareTo(max) > 0) {
            throw new GateRefused(400, "window " + window + " is outside 1ms to " + Durations.format(max)
                    + " (the longest of 1d and the model's gate window)");
        }
        return w;
    }

    private static void version(String which, String v) throws GateRefused {
        if (v == null || v.isBlank()) {
            throw new GateRefused(400, which + " must name a version, got an empty one");
        }
        if (v.length() > MAX_VERSION) {
            throw new GateRefused(400, which + " is longer than " + MAX_VERSION + " characters");
        }
    }
}
