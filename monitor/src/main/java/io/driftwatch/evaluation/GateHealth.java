package io.driftwatch.evaluation;

import io.driftwatch.config.GateConfig;
import io.driftwatch.config.ModelConfig;
import io.driftwatch.evaluation.GateEvaluator.Check;
import io.driftwatch.rules.Condition;
import io.driftwatch.rules.Globs;
import io.driftwatch.rules.Rule;
import io.driftwatch.source.SourceException;
import io.driftwatch.source.prometheus.PrometheusClient;
import io.driftwatch.source.prometheus.PromqlMatchers;
import io.driftwatch.source.prometheus.QueryException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The model's PromQL health rules asked about the candidate alone: each query with
 * {@code <version_label>="<candidate>"} added to every selector ({@link PromqlMatchers}), its series kept
 * when they belong to the model (no {@code model} label, or the model's name), and compared now with the
 * rule's operator and threshold (a gate judges the present; the rule's {@code for} is the alert's business).
 * No series is inconclusive, never a pass.
 */
public final class GateHealth {
    private final List<Rule> rules;
    private final PrometheusClient client;

    public GateHealth(List<Rule> rules, PrometheusClient client) {
        this.rules = rules.stream().filter(Rule::isPromql).toList();
        this.client = client;
    }

    public List<Check> checks(ModelConfig model, String candidate, Instant now) {
        GateConfig.HealthRules policy = model.gate().health();
        List<Check> out = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule.appliesToModel(model.name()) && policy.rules().stream().anyMatch(g -> Globs.matches(g, rule.name()))) {
                out.add(check(rule, model.name(), policy.versionLabel(), candidate, now));
            }
        }
        return out;
    }

    private Check check(Rule rule, String model, String label, String candidate, Instant now) {
        Condition.Promql c = (Condition.Promql) rule.condition();
        String query = PromqlMatchers.inject(c.query(), label, candidate);
        String name = "health." + rule.name();
        String threshold = "fails when " + c.op().symbol() + " " + c.threshold();
        List<PrometheusClient.Series> series;
        try {
            series = client.query(query, now).stream()
                    .filter(s -> !s.labels().containsKey("model") || model.equals(s.labels().get("model"))).toList();
        } catch (QueryException e) {
            return new Check(name, null, threshold, "inconclusive", "Prometheus rejected " + query + ": " + e.getMessage());
        } catch (SourceException e) {
            return new Check(name, null, threshold, "inconclusive", "Prometheus cannot be asked: " + e.getMessage());
        }
        if (series.isEmpty()) {
            return new Check(name, null, threshold, "inconclusive", "no series of " + label + "=\"" + candidate
                    + "\" for model " + model + ": " + query);
        }
        for (PrometheusClient.Series s : series) {
            if (Double.isNaN(s.value())) {
                return new Check(name, null, threshold, "inconclusive", "NaN on " + labels(s.labels()) + ": " + query);
            }
            if (c.op().test(s.value(), c.threshold())) {
                return new Check(name, s.value(), threshold, "fail", String.format(Locale.ROOT, "%.4g %s %s on %s: %s",
                        s.value(), c.op().symbol(), c.threshold(), labels(s.labels()), query));
            }
        }
        PrometheusClient.Series first = series.get(0);
        return new Check(name, first.value(), threshold, "pass", String.format(Locale.ROOT, "%.4g on %s (%d series)",
                first.value(), labels(first.labels()), series.size()));
    }

    private static String labels(Map<String, String> labels) {
        return new java.util.TreeMap<>(labels).toString();
    }
}
