package io.driftwatch.alert;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The routing tree, the receivers it names, the inhibition rules and the outbox's delivery policy. */
public record Routing(Route root, Map<String, ReceiverConfig> receivers, List<InhibitRule> inhibitRules,
                      Delivery delivery) {
    public Routing {
        receivers = Map.copyOf(receivers);
        inhibitRules = List.copyOf(inhibitRules);
    }

    /**
     * Retries: exponential backoff from {@code initialBackoff} up to {@code maxBackoff} with full jitter
     * (a 429's Retry-After is honoured), until a notification is {@code giveUpAfter} old: then it is a
     * dead letter.
     */
    public record Delivery(Duration initialBackoff, Duration maxBackoff, Duration giveUpAfter) {
        public static Delivery defaults() {
            return new Delivery(Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofHours(1));
        }
    }

    public List<ReceiverConfig> receiversFor(Map<String, String> labels) {
        return root.receiversFor(labels).stream().map(receivers::get).toList();
    }
}
