package io.driftwatch.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.drift.ColumnType;
import io.driftwatch.config.Location;
import io.driftwatch.drift.ColumnResult;
import io.driftwatch.drift.ColumnStatus;
import io.driftwatch.drift.DriftReport;
import io.driftwatch.drift.TestResult;
import io.driftwatch.drift.Verdict;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleEvaluatorTest {
    private final Map<String, RuleState> store = new HashMap<>();
    private Instant now = Instant.parse("2026-11-28T00:00:00Z");

    private static Rule rule(String expr, int forCount) {
        return new Rule("R", new Location("r.yaml", 1, 1), "*", "*", new Condition.Drift(RuleExpr.parse(expr).orElseThrow()),
                Hold.evaluations(forCount), "critical", Map.of("team", "ml"), Map.of("summary", "v={{ $value }}"));
    }

    private static DriftReport report(double psi, ColumnStatus status) {
        TestResult t = new TestResult("psi", psi, null, null, null, 0.25, psi >= 0.25, null);
        ColumnResult c = new ColumnResult("x", ColumnType.NUMERIC, 1000, 1000, 0, 0, status, null, List.of(t), List.of());
        Verdict v = status == ColumnStatus.INCONCLUSIVE ? Verdict.INCONCLUSIVE
                : status == ColumnStatus.DRIFT ? Verdict.DRIFT : Verdict.OK;
        return new DriftReport(List.of(c), v);
    }

    private List<RuleEvent> step(RuleEvaluator e, double psi, ColumnStatus status) {
        now = now.plusSeconds(60);
        RuleEvaluator.Outcome o = e.evaluate("m", "1", report(psi, status), store, now);
        o.states().forEach(s -> store.put(RuleEvaluator.key(s.rule(), s.model(), s.instance()), s));
        return o.events();
    }

    private AlertState state() {
        return store.get(RuleEvaluator.key("R", "m", InstanceKey.parse("x"))).state();
    }

    @Test
    void pendingThenFiringAfterConsecutiveBreachesThenResolvedThenInactive() {
        RuleEvaluator e = new RuleEvaluator(List.of(rule("psi > 0.25", 2)));
        assertThat(step(e, 0.4, ColumnStatus.DRIFT)).isEmpty();
        assertThat(state()).isEqualTo(AlertState.PENDING);
        List<RuleEvent> fired = step(e, 0.5, ColumnStatus.DRIFT);
        assertThat(fired).singleElement().satisfies(ev -> {
            assertThat(ev.firing()).isTrue();
            assertThat(ev.state().lastValue()).isEqualTo(0.5);
            assertThat(ev.state().instance()).isEqualTo(new InstanceKey.Column("x", Scope.MODEL, ""));
        });
        assertThat(step(e, 0.6, ColumnStatus.DRIFT)).as("no repeat while firing").isEmpty();
        assertThat(state()).isEqualTo(AlertState.FIRING);
        assertThat(step(e, 0.1, ColumnStatus.OK)).singleElement().satisfies(ev -> assertThat(ev.firing()).isFalse());
        assertThat(state()).isEqualTo(AlertState.RESOLVED);
        assertThat(step(e, 0.1, ColumnStatus.OK)).isEmpty();
        assertThat(state()).isEqualTo(AlertState.INACTIVE);
    }

    @Test
    void aBreachThatDoesNotLastResetsToInactive() {
        RuleEvaluator e = new RuleEvaluator(List.of(rule("psi > 0.25", 3)));
        step(e, 0.4, ColumnStatus.DRIFT);
        step(e, 0.4, ColumnStatus.DRIFT);
        step(e, 0.1, ColumnStatus.OK);
        assertThat(state()).isEqualTo(AlertState.INACTIVE);
        step(e, 0.4, ColumnStatus.DRIFT);
        assertThat(store.get(RuleEvaluator.key("R", "m", InstanceKey.parse("x"))).breaches()).isEqualTo(1);
    }

    @Test
    void inconclusiveDataNeitherBreachesNorClears() {
        RuleEvaluator e = new RuleEvaluator(List.of(rule("psi > 0.25", 2)));
        step(e, 0.4, ColumnStatus.DRIFT);
        step(e, 0.4, ColumnStatus.DRIFT);
        assertThat(step(e, 0.0, ColumnStatus.INCONCLUSIVE)).isEmpty();
        assertThat(state()).isEqualTo(AlertState.FIRING);
    }

    @Test
    void modelLevelRulesCountDriftedFeatures() {
        RuleEvaluator e = new RuleEvaluator(List.of(rule("drifted_features >= 1", 1)));
        assertThat(step(e, 0.4, ColumnStatus.DRIFT)).singleElement()
                .satisfies(ev -> assertThat(ev.state().instance()).isEqualTo(InstanceKey.MODEL));
    }

    @Test
    void expressionsParseAndRejectGarbage() {
        assertThat(RuleExpr.parse("ks.p_value < 1e-3")).hasValueSatisfying(x -> {
            assertThat(x.metric()).isEqualTo("ks");
            assertThat(x.field()).isEqualTo("p_value");
            assertThat(x.op()).isEqualTo(Comparison.LT);
            assertThat(x.threshold()).isEqualTo(0.001);
        });
        assertThat(RuleExpr.parse("psi >= .2").orElseThrow().toString()).isEqualTo("psi >= 0.2");
        assertThat(RuleExpr.parse("psi >> 1")).isEmpty();
        assertThat(RuleExpr.parse("psi > ")).isEmpty();
    }

    @Test
    void globsSelectModelsAndFeatures() {
        Rule r = new Rule("R", new Location("f", 1, 1), "credit-*", "x?", new Condition.Drift(RuleExpr.parse("psi > 1")
                .orElseThrow()), Hold.evaluations(1), "warning", Map.of(), Map.of());
        assertThat(r.appliesToModel("credit-risk")).isTrue();
        assertThat(r.appliesToModel("churn")).isFalse();
        assertThat(r.appliesToFeature("x1")).isTrue();
        assertThat(r.appliesToFeature("x12")).isFalse();
    }
}
