package io.driftwatch.alert;

import java.util.List;
import java.util.Map;

/**
 * As in Alertmanager: while an alert matching {@code source} fires, alerts matching {@code target} that
 * have the same values of the {@code equal} labels are not notified. An alert never inhibits itself.
 */
public record InhibitRule(List<LabelMatcher> source, List<LabelMatcher> target, List<String> equal) {
    public InhibitRule {
        source = List.copyOf(source);
        target = List.copyOf(target);
        equal = List.copyOf(equal);
    }

    /** Whether {@code firing} (a source alert) inhibits {@code alert}. */
    public boolean inhibits(Map<String, String> firing, Map<String, String> alert) {
        if (firing.equals(alert) || !all(source, firing) || !all(target, alert)) {
            return false;
        }
        return equal.stream().allMatch(l -> firing.getOrDefault(l, "").equals(alert.getOrDefault(l, "")));
    }

    private static boolean all(List<LabelMatcher> matchers, Map<String, String> labels) {
        return matchers.stream().allMatch(m -> m.matches(labels));
    }
}
