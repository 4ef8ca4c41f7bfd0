package io.driftwatch.alert.silence;

import io.driftwatch.alert.LabelMatcher;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A silence, as in Alertmanager: between {@code startsAt} and {@code endsAt}, alerts whose labels match
 * every matcher are not notified. Who created it and why are kept with it.
 */
public record Silence(String id, List<String> matchers, Instant startsAt, Instant endsAt, String createdBy,
                      String comment, Instant createdAt) {
    public Silence {
        matchers = List.copyOf(matchers);
    }

    public boolean activeAt(Instant t) {
        return !t.isBefore(startsAt) && t.isBefore(endsAt);
    }

    /** "active", "pending" (not started) or "expired". */
    public String state(Instant now) {
        return activeAt(now) ? "active" : now.isBefore(startsAt) ? "pending" : "expired";
    }

    public boolean matches(Map<String, String> labels) {
        return matchers.stream().allMatch(text -> LabelMatcher.parse(text, new String[1])
                .map(m -> m.matches(labels)).orElse(false));
    }
}
