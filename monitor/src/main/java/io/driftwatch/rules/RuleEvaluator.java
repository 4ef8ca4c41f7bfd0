package io.driftwatch.rules;

import io.driftwatch.drift.ColumnResult;
import io.driftwatch.drift.ColumnStatus;
import io.driftwatch.drift.DriftReport;
import io.driftwatch.drift.TestResult;
import io.driftwatch.drift.Verdict;
import io.driftwatch.quality.QualityReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies the rules to one model's drift report and moves each rule instance through
 * inactive → pending → firing → resolved. A column or model that is INCONCLUSIVE leaves its instances
 * as they were: too little data neither breaches nor clears a rule.
 */
public final class RuleEvaluator {
    private final List<Rule> rules;

    public RuleEvaluator(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public List<Rule> rules() {
        return rules;
    }

    /** The new states of every instance that was evaluated, and the events to alert on. */
    public record Outcome(List<RuleState> states, List<RuleEvent> events) {
    }

    public Outcome evaluate(String model, String version, DriftReport report,
                            Map<String, RuleState> previous, Instant now) {
        return evaluate(model, version, report, QualityReport.none(), previous, now);
    }

    /** As above, with the window's model quality for {@code quality.*} rules. */
    public Outcome evaluate(String model, String version, DriftReport report, QualityReport quality,
                            Map<String, RuleState> previous, Instant now) {
        return evaluate(model, version, List.of(new Scope.Results(Scope.MODEL, "", report, quality.metrics())),
                previous, now);
    }

    /** The rules over every scope's results: the model's window, its segments, a version comparison. */
    public Outcome evaluate(String model, String version, List<Scope.Results> results,
                            Map<String, RuleState> previous, Instant now) {
        Instances instances = new Instances(previous, now);
        for (Rule rule : rules) {
            if (!(rule.condition() instanceof Condition.Drift condition) || !rule.appliesToModel(model)) {
                continue;
            }
            for (Scope.Results scoped : results) {
                if (!condition.scopes().contains(scoped.scope())) {
                    continue;
                }
                for (Observation o : observations(rule, scoped)) {
                    instances.observe(rule, model, scoped.key(o.feature()), o.value(), version, scoped.labels());
                }
            }
        }
        return instances.outcome();
    }

    /** Moves rule instances through their states one observation at a time, collecting states and events. */
    static final class Instances {
        private final Map<String, RuleState> previous;
        private final Instant now;
        private final List<RuleState> states = new ArrayList<>();
        private final List<RuleEvent> events = new ArrayList<>();

        Instances(Map<String, RuleState> previous, Instant now) {
            this.previous = previous;
            this.now = now;
        }

        void observe(Rule rule, String model, InstanceKey instance, double value, String version,
                     Map<String, String> labels) {
            RuleState before = previous.getOrDefault(key(rule.name(), model, instance),
                    RuleState.inactive(rule.name(), model, instance, now));
            RuleState after = RuleStateMachine.step(rule, before, value, now);
            states.add(after);
            RuleEvent event = RuleStateMachine.event(rule, before, after, version, labels);
            if (event != null) {
                events.add(event);
            }
        }

        Outcome outcome() {
            return new Outcome(states, events);
        }
    }

    /** The identity of a rule instance across evaluations (and in the store's map of states). */
    public static String key(String rule, String model, InstanceKey instance) {
        return rule + "\u0000" + model + "\u0000" + instance.text();
    }

    private record Observation(String feature, double value) {
    }

    private static List<Observation> observations(Rule rule, Scope.Results scoped) {
        RuleExpr e = rule.expr();
        DriftReport report = scoped.report();
        if ("quality".equals(e.metric()) || "comparison".equals(e.metric()) || "health".equals(e.metric())) {
            Double v = scoped.metrics().get("health".equals(e.metric()) ? "health." + e.field() : e.field());
            return v == null ? List.of() : List.of(new Observation("", v));
        }
        if ("multivariate".equals(e.metric()) || "estimated".equals(e.metric())) {
            Double v = scoped.metrics().get(e.metric() + "." + e.field());
            return v == null ? List.of() : List.of(new Observation("", v));
        }
        if ("data".equals(e.metric()) && RuleExpr.DATA_MODEL.contains(e.field())) {
            Double v = scoped.metrics().get("data." + e.field());
            return v == null ? List.of() : List.of(new Observation("", v));
        }
        if (e.isModelLevel()) {
            if (report.verdict() == Verdict.INCONCLUSIVE) {
                return List.of();
            }
            double drifted = report.driftedColumns();
            double value = "drift_share".equals(e.metric()) ? drifted / report.columns().size() : drifted;
            return List.of(new Observation("", value));
        }
        List<Observation> out = new ArrayList<>();
        for (ColumnResult c : report.columns()) {
            if (!rule.appliesToFeature(c.name())) {
                continue;
            }
            if ("integrity".equals(e.metric())) { // data quality is judged even where the tests cannot conclude
                IntegrityMetrics.value(c, e.field(), scoped.metrics()).ifPresent(v -> out.add(new Observation(c.name(), v)));
            } else if ("data".equals(e.metric())) { // as integrity: judged whatever the tests concluded
                Double v = scoped.metrics().get("data." + e.field() + "." + c.name());
                if (v != null) {
                    out.add(new Observation(c.name(), v));
                }
            } else if (c.status() != ColumnStatus.INCONCLUSIVE) {
                value(c, e).ifPresent(v -> out.add(new Observation(c.name(), v)));
            }
        }
        return out;
    }

    private static Optional<Double> value(ColumnResult c, RuleExpr e) {
        Optional<TestResult> t = c.tests().stream().filter(r -> r.test().equals(e.metric())).findFirst();
        return t.map(r -> switch (e.field()) {
            case "p_value" -> r.pValue();
            case "adjusted_p_value" -> r.adjustedPValue();
            default -> r.statistic();
        });
    }
}
