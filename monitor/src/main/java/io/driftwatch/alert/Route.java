package io.driftwatch.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A node of the routing tree, as in Alertmanager: an alert goes to the deepest matching child routes;
 * the first match wins unless it sets {@code continue}; if no child matches, the node's own receiver
 * takes it. Children inherit the parent's receiver when they name none.
 */
public record Route(List<LabelMatcher> matchers, String receiver, boolean continueMatching, List<Route> routes) {
    public Route {
        matchers = List.copyOf(matchers);
        routes = List.copyOf(routes);
    }

    /** The receivers for an alert's labels, in route order, without duplicates. */
    public List<String> receiversFor(Map<String, String> labels) {
        List<String> out = new ArrayList<>();
        collect(labels, out);
        return out.stream().distinct().toList();
    }

    private boolean collect(Map<String, String> labels, List<String> out) {
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
            out.add(receiver);
        }
        return true;
    }
}
