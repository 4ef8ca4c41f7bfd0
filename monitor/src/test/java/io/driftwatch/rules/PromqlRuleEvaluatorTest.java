package io.driftwatch.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.config.ConfigErrors;
import io.driftwatch.config.ConfigError;
import io.driftwatch.config.Location;
import io.driftwatch.support.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromqlRuleEvaluatorTest {
    private final Map<String, RuleState> store = new HashMap<>();
    private Instant now = Instant.parse("2026-11-28T00:00:00Z");

    @TempDir
    Path dir;

    private static Rule rule(Hold hold) {
        return new Rule("P99", new Location("h.yaml", 1, 1), "*", "*", new Condition.Promql("q", Comparison.GT, 0.5), hold,
                "warning", Map.of(), Map.of());
    }

    private List<RuleEvent> step(Rule rule, Duration later, Double value) {
        now = now.plus(later);
        List<PromqlRuleEvaluator.Series> series = value == null ? List.of()
                : List.of(new PromqlRuleEvaluator.Series(Map.of("model", "m", "pod", "a"), value));
        RuleEvaluator.Outcome o = PromqlRuleEvaluator.evaluate(rule, series, store, now);
        o.states().forEach(s -> store.put(RuleEvaluator.key(s.rule(), s.model(), s.instance()), s));
        return o.events();
    }

    private AlertState state() {
        return store.get(RuleEvaluator.key("P99", "m", new InstanceKey.Series("model=\"m\",pod=\"a\""))).state();
    }

    @Test
    void firesOnlyAfterThePendingDurationAndCarriesTheSeriesLabels() {
        Rule r = rule(new Hold(1, Duration.ofMinutes(2), Duration.ZERO));
        assertThat(step(r, Duration.ZERO, 0.9)).isEmpty();
        assertThat(step(r, Duration.ofMinutes(1), 0.9)).isEmpty();
        assertThat(state()).isEqualTo(AlertState.PENDING);
        List<RuleEvent> fired = step(r, Duration.ofMinutes(1), 0.8);
        assertThat(fired).singleElement().satisfies(e -> {
            assertThat(e.firing()).isTrue();
            assertThat(e.labels()).containsEntry("pod", "a").containsEntry("model", "m");
        });
    }

    @Test
    void keepFiringForHoldsTheAlertAfterTheConditionClears() {
        Rule r = rule(new Hold(1, Duration.ZERO, Duration.ofMinutes(5)));
        assertThat(step(r, Duration.ZERO, 0.9)).hasSize(1);
        assertThat(step(r, Duration.ofMinutes(2), 0.1)).isEmpty();
        assertThat(state()).isEqualTo(AlertState.FIRING);
        assertThat(step(r, Duration.ofMinutes(4), 0.1)).singleElement().satisfies(e -> assertThat(e.firing()).isFalse());
        assertThat(state()).isEqualTo(AlertState.RESOLVED);
    }

    @Test
    void consecutiveBreachesAndEmptyResults() {
        Rule r = rule(new Hold(3, Duration.ZERO, Duration.ZERO));
        step(r, Duration.ZERO, 0.9);
        step(r, Duration.ofSeconds(30), 0.9);
        assertThat(step(r, Duration.ofSeconds(30), null)).as("no data neither breaches nor clears").isEmpty();
        assertThat(state()).isEqualTo(AlertState.PENDING);
        assertThat(step(r, Duration.ofSeconds(30), 0.9)).hasSize(1);
    }

    @Test
    void prometheusRulesParseWithDurationsCountsAndErrors() {
        Path f = Fixtures.write(dir.resolve("h.yaml"), """
                rules:
                  - name: A
                    source: prometheus
                    expr: up == 0
                    op: "<="
                    threshold: 0
                    for: 5m
                    consecutive: 3
                    keep_firing_for: 10m
                  - name: B
                    source: prometheus
                    expr: rate(x[5m])
                    op: "=>"
                  - name: C
                    source: graphite
                    expr: a.b.c
                """);
        ConfigErrors errors = new ConfigErrors();
        List<Rule> rules = new RuleParser(t -> true).parse(f, "h.yaml", errors);
        assertThat(rules).singleElement().satisfies(a -> {
            assertThat(a.condition()).isEqualTo(new Condition.Promql("up == 0", Comparison.LE, 0));
            assertThat(a.hold()).isEqualTo(new Hold(3, Duration.ofMinutes(5), Duration.ofMinutes(10)));
        });
        assertThat(errors.list()).extracting(ConfigError::keyPath)
                .containsExactlyInAnyOrder("rules[1].op", "rules[1].threshold", "rules[2].source");
    }
}
