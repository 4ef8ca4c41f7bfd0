package io.driftwatch.alert;

import java.util.List;
import java.util.Map;

/**
 * One notification to one receiver: the alerts of one group, with the message's idempotency key (the
 * same on every attempt, also after a restart), how many attempts were already started (a previous one
 * may have reached the receiver), and the receiver's reference to the group's earlier message (e.g. a
 * Slack channel and timestamp) so that it can be updated instead of posted again.
 */
public record Notification(long id, String receiver, String groupKey, Map<String, String> groupLabels,
                           List<Alert> alerts, String idempotencyKey, int attempts, String externalRef) {
    public Notification {
        groupLabels = Map.copyOf(groupLabels);
        alerts = List.copyOf(alerts);
    }

    /** Firing when any of its alerts fires. */
    public AlertStatus status() {
        return alerts.stream().anyMatch(a -> a.status() == AlertStatus.FIRING) ? AlertStatus.FIRING
                : AlertStatus.RESOLVED;
    }

    /** Labels every alert shares. */
    public Map<String, String> commonLabels() {
        Map<String, String> common = new java.util.TreeMap<>(alerts.get(0).labels());
        alerts.forEach(a -> common.entrySet().removeIf(e -> !e.getValue().equals(a.labels().get(e.getKey()))));
        return common;
    }
}
