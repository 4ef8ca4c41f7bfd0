package io.driftwatch.alert;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A node of the routing tree, as in Alertmanager: an alert goes to the deepest matching child routes;
 * the first match wins unless it sets {@code continue}; if no child matches, the node itself takes it.
 * Children inherit the parent's receiver and grouping when they set none.
 */
public record Route(String id, List<LabelMatcher> matchers, String receiver, boolean continueMatching,
                    Grouping grouping, List<Route> routes) {
    public Route {
        matchers = List.copyOf(matchers);
        routes = List.copyOf(routes);
    }

    /**
     * How a route batches notifications: alerts with equal values of {@code by} form one group
     * ({@code ...} = every label: one group per alert); a new group waits {@code groupWait}, changes to a
     * group wait {@code groupInterval} after its last notification, and an unchanged firing group is
     * notified again after {@code repeatInterval}.
     */
    public record Grouping(List<String> by, Duration groupWait, Duration groupInterval, Duration repeatInterval) {
        public static final String ALL = "...";

        public Grouping {
            by = List.copyOf(by);
        }

        public static Grouping defaults() {
            return new Grouping(List.of(ALL), Duration.ZERO, Duration.ofMinutes(5), Duration.ofHours(4));
        }

        /** The labels that name an alert's group. */
        public Map<String, String> labelsOf(Map<String, String> labels) {
            if (by.contains(ALL)) {
                return new java.util.TreeMap<>(labels);
            }
            Map<String, String> out = new java.util.TreeMap<>();
            by.forEach(l -> out.put(l, labels.getOrDefault(l, "")));
            return out;
        }
    }

    /** The routes that take an alert with these labels, in route order. */
    public List<Route> match(Map<String, String> labels) {
        List<Route> out = new ArrayList<>();
        collect(labels, out);
        return out;
    }

    /** The receivers for an alert's labels, in route order, without duplicates. */
    public List<String> receiversFor(Map<String, String> labels) {
        return match(labels).stream().map(Route::receiver).distinct().toList();
    }

    private boolean collect(Map<String, String> labels, List<Route> out) {
        if (!matchers.stream().allMatch(m -> m.matches(labels))) {
            return false;
        }
        boolean childMatched = false;
        for (Route child : routes) {
            if (child.collect(labels, out)) {
                childMatched = true;
                if (!child.continueMatching()) {
                    break;
                }
            }
        }
        if (!childMatched) {
            out.add(this);
        }
        return true;
    }

    /** The key of an alert's group on this route: route id and group label values. */
    public String groupKey(Map<String, String> labels) {
        StringBuilder b = new StringBuilder(id).append(":{");
        grouping.labelsOf(labels).forEach((k, v) -> b.append(k).append("=\"").append(v).append("\","));
        return b.append('}').toString();
    }
}
