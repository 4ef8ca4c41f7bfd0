package io.driftwatch.cli;

import io.driftwatch.drift.ColumnResult;
import io.driftwatch.drift.ColumnStatus;
import io.driftwatch.drift.Distribution;
import io.driftwatch.drift.TestResult;
import io.driftwatch.rules.AlertState;
import io.driftwatch.rules.Rule;
import io.driftwatch.rules.RuleEvaluator;
import io.driftwatch.rules.RuleState;
import io.driftwatch.rules.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a check decided: one entry per feature (the default policy: no drifted feature) or per rule and
 * feature (a policy's rules, each breach a failure whatever its {@code for:}), each with its numbers,
 * and the verdict: fail if any entry failed, else inconclusive if any could not be decided, else pass.
 */
record CheckResult(String policy, List<Check> checks, Verdict verdict) {
    enum Verdict { PASS, FAIL, INCONCLUSIVE;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One decided check: its group (a testsuite), name, outcome, the value and threshold, and why. */
    record Check(String group, String name, Verdict outcome, Double value, String threshold, String message) {
    }

    static CheckResult of(TableDrift.Result result, List<Rule> rules, String policy) {
        List<Check> checks = rules.isEmpty() ? driftChecks(result) : ruleChecks(result, rules);
        Verdict v = checks.stream().anyMatch(c -> c.outcome() == Verdict.FAIL) ? Verdict.FAIL
                : checks.stream().anyMatch(c -> c.outcome() == Verdict.INCONCLUSIVE) || checks.isEmpty()
                ? Verdict.INCONCLUSIVE : Verdict.PASS;
        return new CheckResult(policy, checks, v);
    }

    private static List<Check> driftChecks(TableDrift.Result result) {
        List<Check> out = new ArrayList<>();
        for (ColumnResult c : result.report().columns()) {
            Verdict v = c.status() == ColumnStatus.DRIFT ? Verdict.FAIL
                    : c.status() == ColumnStatus.INCONCLUSIVE ? Verdict.INCONCLUSIVE : Verdict.PASS;
            StringBuilder why = new StringBuilder();
            for (TestResult t : c.tests()) {
                why.append(why.length() == 0 ? "" : "; ").append(t.test()).append(' ').append(num(t.statistic()));
                if (t.adjustedPValue() != null) {
                    why.append(" (adjusted p ").append(num(t.adjustedPValue())).append(')');
                }
                why.append(t.drift() ? " drifted" : "").append(", threshold ").append(num(t.threshold()));
            }
            if (c.reason() != null) {
                why.append(why.length() == 0 ? "" : "; ").append(c.reason());
            }
            if (!c.newCategories().isEmpty()) {
                why.append("; new categories: ").append(String.join(", ", c.newCategories().stream().sorted().limit(5).toList()));
            }
            Double value = c.tests().isEmpty() ? null : c.tests().get(0).statistic();
            out.add(new Check("drift", c.name(), v, value, null, why.toString()));
        }
        return out;
    }

    private static List<Check> ruleChecks(TableDrift.Result result, List<Rule> rules) {
        Map<String, Double> metrics = new LinkedHashMap<>(io.driftwatch.rules.IntegrityMetrics.ranges(ranges(result)));
        result.dataQuality().forEach((name, q) -> q.signals().forEach((signal, v) -> metrics.put("data." + signal + "." + name, v)));
        Instant now = Instant.now();
        RuleEvaluator.Outcome outcome = new RuleEvaluator(rules).evaluate("check", null,
                List.of(new Scope.Results(Scope.MODEL, "", result.report(), metrics)), Map.of(), now);
        List<Check> out = new ArrayList<>();
        for (Rule rule : rules) {
            List<RuleState> states = outcome.states().stream().filter(s -> s.rule().equals(rule.name())).toList();
            if (states.isEmpty()) {
                out.add(new Check(group(rule), rule.name(), Verdict.INCONCLUSIVE, null, rule.condition().toString(),
                        "not evaluated: no feature gave a value for '" + rule.condition() + "' (a test not run, "
                                + "or every feature inconclusive)"));
                continue;
            }
            for (RuleState s : states) {
                boolean breach = s.state() != AlertState.INACTIVE && s.state() != AlertState.RESOLVED;
                String feature = s.instance().text().isEmpty() ? "" : " on " + s.instance().text();
                String name = rule.name() + feature;
                out.add(new Check(group(rule), name, breach ? Verdict.FAIL : Verdict.PASS, s.lastValue(),
                        rule.condition().toString(), (breach ? "breached: " : "holds: ") + rule.condition().toString()
                                .replaceFirst(" .*", "") + " = " + num(s.lastValue()) + feature
                                + (breach ? " (rule: " + rule.condition() + ")" : "")));
            }
        }
        return out;
    }

    /** Integrity and data-quality rules are their own group; drift rules group under "policy". */
    private static String group(Rule rule) {
        return rule.expr().metric().equals("integrity") || rule.expr().metric().equals("data") ? "integrity" : "policy";
    }

    /** Each numeric column's current min and max, from its distribution summary (quantiles 0 and 1). */
    private static Map<String, io.driftwatch.drift.Sample> ranges(TableDrift.Result result) {
        Map<String, io.driftwatch.drift.Sample> out = new LinkedHashMap<>();
        result.distributions().get().forEach((name, d) -> {
            if (d instanceof Distribution.Numeric n && n.currentQuantiles().length > 0) {
                double[] q = n.currentQuantiles();
                out.put(name, new io.driftwatch.drift.Sample.Numeric(new double[] {q[0], q[q.length - 1]}, 0));
            }
        });
        return out;
    }

    static String num(Double v) {
        if (v == null) {
            return "–";
        }
        return Double.isFinite(v) && v != 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e6)
                ? String.format(Locale.ROOT, "%.3e", v) : String.format(Locale.ROOT, "%.4g", v);
    }
}
