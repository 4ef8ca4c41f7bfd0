package io.driftwatch.alert;

import java.util.List;
import java.util.Map;

/** The routing tree and the receivers it names. */
public record Routing(Route root, Map<String, ReceiverConfig> receivers) {
    public Routing {
        receivers = Map.copyOf(receivers);
    }

    public List<ReceiverConfig> receiversFor(Map<String, String> labels) {
        return root.receiversFor(labels).stream().map(receivers::get).toList();
    }
}
