package io.driftwatch.evaluation;

import io.driftwatch.alert.Alert;
import io.driftwatch.alert.outbox.AlertSink;
import io.driftwatch.alert.AlertFactory;
import io.driftwatch.config.Location;
import io.driftwatch.metrics.Metrics;
import io.driftwatch.rules.Comparison;
import io.driftwatch.rules.Condition;
import io.driftwatch.rules.Hold;
import io.driftwatch.rules.PromqlRuleEvaluator;
import io.driftwatch.rules.Rule;
import io.driftwatch.rules.RuleEvaluator;
import io.driftwatch.source.SourceStatus;
import io.driftwatch.store.Database;
import io.driftwatch.rules.RuleStateStore;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether each source (a model's logs, Prometheus) answered its last read. A source that fails fires one
 * {@code source_unavailable} alert for that source, which resolves when it answers again; its state
 * shows in readiness and in {@code driftwatch_source_up}.
 */
public final class SourceHealth {
    static final Rule SOURCE_UNAVAILABLE = new Rule("source_unavailable", new Location("(built in)", 1, 1), "*", "*",
            new Condition.Signal("source answered", Comparison.LT, 1), Hold.evaluations(1), "critical", Map.of(),
            Map.of("summary", "source {{ $labels.source }} is unavailable: its rules are not evaluated"));

    static final Rule NO_DATA = new Rule("no_data", new Location("(built in)", 1, 1), "*", "*",
            new Condition.Signal("records in window", Comparison.LT, 1), Hold.evaluations(1), "warning", Map.of(),
            Map.of("summary", "{{ $labels.model }} had traffic but its windows have been empty for {{ $labels.for }}"));


    private final Database db;
    private final AlertFactory alertFactory;
    private final AlertSink sink;
    private final Metrics metrics;
    private final Clock clock;
    private final Map<String, SourceStatus> status = new ConcurrentHashMap<>();

    public SourceHealth(Database db, AlertFactory alertFactory, AlertSink sink, Metrics metrics, Clock clock) {
        this.db = db;
        this.alertFactory = alertFactory;
        this.sink = sink;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Records that {@code source} answered ({@code up}) or failed with {@code reason}. */
    void report(String source, Map<String, String> labels, boolean up, String reason) throws SQLException {
        Instant now = clock.instant();
        metrics.sourceUp.labelValues(source).set(up ? 1 : 0);
        status.compute(source, (k, old) -> old != null && old.up() == up ? new SourceStatus(up, reason, old.since())
                : new SourceStatus(up, reason, now));
        Map<String, String> all = new HashMap<>(labels);
        all.put("source", source);
        raise(SOURCE_UNAVAILABLE, all, up ? 1 : 0, now);
    }

    /**
     * Records whether a model that had traffic has seen only empty windows for at least {@code after}:
     * {@code no_data} (warning) fires then and resolves with the first record.
     */
    void noData(String model, boolean silent, java.time.Duration after) throws SQLException {
        raise(NO_DATA, Map.of("model", model, "for", io.driftwatch.config.Durations.format(after)), silent ? 0 : 1,
                clock.instant());
    }

    /** Steps a built-in rule's one instance with {@code value} and raises its alert events in one transaction. */
    private void raise(Rule rule, Map<String, String> labels, double value, Instant now) throws SQLException {
        RuleStateStore store = new RuleStateStore(db);
        RuleEvaluator.Outcome o = PromqlRuleEvaluator.signal(rule, labels, value, store.forRule(rule.name()), now);
        List<Alert> alerts = o.events().stream().map(e -> alertFactory.alert(e, now)).toList();
        sink.commit(alerts, c -> {
            store.save(c, o.states());
            return null;
        });
    }

    public Map<String, SourceStatus> status() {
        return Map.copyOf(status);
    }
}
