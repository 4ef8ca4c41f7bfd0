package io.driftwatch.evaluation;

import io.driftwatch.alert.Alert;
import io.driftwatch.alert.outbox.AlertSink;
import io.driftwatch.alert.AlertFactory;
import io.driftwatch.metrics.Metrics;
import io.driftwatch.rules.Condition;
import io.driftwatch.rules.PromqlRuleEvaluator;
import io.driftwatch.rules.Rule;
import io.driftwatch.rules.RuleEvaluator;
import io.driftwatch.rules.RuleState;
import io.driftwatch.source.SourceException;
import io.driftwatch.source.prometheus.PrometheusClient;
import io.driftwatch.source.prometheus.QueryException;
import io.driftwatch.store.Database;
import io.driftwatch.rules.RuleStateStore;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One evaluation of every PromQL rule against Prometheus. A rejected query is that rule's error (logged
 * and counted); an unreachable or refusing Prometheus stops the round and fires the
 * {@code source_unavailable} alert for the source, which resolves when a query answers again.
 */
public final class PromqlCycle {
    private static final Logger LOG = LoggerFactory.getLogger(PromqlCycle.class);


    private final List<Rule> rules;
    private final PrometheusClient client;
    private final Database db;
    private final AlertFactory alertFactory;
    private final AlertSink sink;
    private final Metrics metrics;
    private final Clock clock;
    private final SourceHealth health;
    private final ModelCursors cursors;
    /** The cursor that versions the PromQL rules' states (they belong to no one model). */
    public static final String CURSOR = "prometheus-rules";

    public PromqlCycle(List<Rule> rules, PrometheusClient client, Database db, AlertFactory alertFactory,
                AlertSink sink, Metrics metrics, Clock clock, SourceHealth health, ModelCursors cursors) {
        this.cursors = cursors;
        this.rules = rules.stream().filter(Rule::isPromql).toList();
        this.client = client;
        this.db = db;
        this.alertFactory = alertFactory;
        this.sink = sink;
        this.metrics = metrics;
        this.clock = clock;
        this.health = health;
    }

    public void run() throws SQLException {
        Instant now = clock.instant();
        long version = cursors.version(CURSOR);
        RuleStateStore store = new RuleStateStore(db);
        List<RuleEvaluator.Outcome> outcomes = new ArrayList<>();
        boolean up = true;
        String reason = null;
        for (Rule rule : rules) {
            try {
                List<PromqlRuleEvaluator.Series> series = client.query(queryOf(rule), now).stream()
                        .map(s -> new PromqlRuleEvaluator.Series(s.labels(), s.value())).toList();
                outcomes.add(PromqlRuleEvaluator.evaluate(rule, series, store.forRule(rule.name()), now));
            } catch (QueryException e) {
                metrics.ruleErrors.labelValues(rule.name()).inc();
                LOG.atError().addKeyValue("rule", rule.name()).log("rule {}: Prometheus rejected its query: {}",
                        rule.name(), e.getMessage());
            } catch (SourceException e) {
                up = false;
                reason = e.getMessage();
                break;
            }
        }
        if (!up) {
            LOG.atError().addKeyValue("source", "prometheus").log("source prometheus unavailable: {}", reason);
        }
        try {
            commitAndNotify(outcomes, now, store, version);
        } catch (ModelCursors.Superseded e) {
            metrics.evaluationsSuperseded.labelValues(CURSOR).inc();
            LOG.atWarn().log("PromQL rules not committed: {}", e.getMessage());
            return;
        }
        health.report("prometheus", Map.of(), up, reason);
    }

    private void commitAndNotify(List<RuleEvaluator.Outcome> outcomes, Instant now, RuleStateStore store,
                                 long version) throws SQLException {
        List<RuleState> states = outcomes.stream().flatMap(o -> o.states().stream()).toList();
        List<Alert> alerts = outcomes.stream().flatMap(o -> o.events().stream())
                .map(e -> alertFactory.alert(e, now)).toList();
        sink.commit(alerts, c -> {
            cursors.advance(c, CURSOR, version, now, now);
            store.save(c, states);
            return null;
        });
    }

    private static String queryOf(Rule rule) {
        return ((Condition.Promql) rule.condition()).query();
    }
}
