package io.driftwatch.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Steps the instances of one PromQL rule from the series its query returned: one instance per label set.
 * An empty result is INCONCLUSIVE: no instance breaches and none clears.
 */
public final class PromqlRuleEvaluator {
    private PromqlRuleEvaluator() {
    }

    /** One returned series. */
    public record Series(Map<String, String> labels, double value) {
        public Series {
            labels = Map.copyOf(labels);
        }
    }

    public static RuleEvaluator.Outcome evaluate(Rule rule, List<Series> series, Map<String, RuleState> previous,
                                                 Instant now) {
        List<RuleState> states = new ArrayList<>();
        List<RuleEvent> events = new ArrayList<>();
        for (Series s : series) {
            String model = s.labels().getOrDefault("model", "");
            String instance = instanceKey(s.labels());
            RuleState before = previous.getOrDefault(RuleEvaluator.key(rule.name(), model, instance),
                    RuleState.inactive(rule.name(), model, instance, now));
            RuleState after = RuleStateMachine.step(rule, before, s.value(), now);
            states.add(after);
            RuleEvent event = RuleStateMachine.event(rule, before, after, null, s.labels());
            if (event != null) {
                events.add(event);
            }
        }
        return new RuleEvaluator.Outcome(states, events);
    }

    /** The label set as sorted {@code name="value"} pairs: a stable identity for the instance. */
    public static String instanceKey(Map<String, String> labels) {
        return new TreeMap<>(labels).entrySet().stream().map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                .collect(Collectors.joining(","));
    }
}
