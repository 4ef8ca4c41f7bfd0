package io.driftwatch.rules;

import java.time.Instant;
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
        RuleEvaluator.Instances instances = new RuleEvaluator.Instances(previous, now);
        for (Series s : series) {
            instances.observe(rule, s.labels().getOrDefault("model", ""), new InstanceKey.Series(instanceKey(s.labels())), s.value(), null,
                    s.labels());
        }
        return instances.outcome();
    }

    /** The label set as sorted {@code name="value"} pairs: a stable identity for the instance. */
    /**
     * Steps a built-in signal rule's one instance, identified by its labels, with {@code value}: how the
     * daemon's own alerts (source_unavailable, no_data) move through pending, firing and resolved.
     */
    public static RuleEvaluator.Outcome signal(Rule rule, Map<String, String> labels, double value,
                                               Map<String, RuleState> previous, java.time.Instant now) {
        if (!(rule.condition() instanceof Condition.Signal)) {
            throw new IllegalArgumentException(rule.name() + " is not a signal rule");
        }
        return evaluate(rule, List.of(new Series(labels, value)), previous, now);
    }

    public static String instanceKey(Map<String, String> labels) {
        return new TreeMap<>(labels).entrySet().stream().map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                .collect(Collectors.joining(","));
    }
}
