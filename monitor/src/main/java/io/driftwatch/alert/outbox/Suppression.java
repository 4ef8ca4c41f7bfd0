package io.driftwatch.alert.outbox;

import io.driftwatch.alert.Alert;
import io.driftwatch.alert.InhibitRule;
import io.driftwatch.alert.silence.Silence;
import java.time.Instant;
import java.util.List;

/** Decides, when a notification is formed, which firing alerts are silenced or inhibited. */
public final class Suppression {
    private final List<Silence> silences;
    private final List<InhibitRule> rules;
    private final List<Alert> firing;
    private final Instant now;

    public Suppression(List<Silence> silences, List<InhibitRule> rules, List<Alert> firing, Instant now) {
        this.silences = List.copyOf(silences);
        this.rules = List.copyOf(rules);
        this.firing = List.copyOf(firing);
        this.now = now;
    }

    /** Why the alert is not notified ("silenced by ID", "inhibited by ALERTNAME"), or null. */
    public String reason(Alert a) {
        for (Silence s : silences) {
            if (s.activeAt(now) && s.matches(a.labels())) {
                return "silenced by " + s.id();
            }
        }
        for (InhibitRule r : rules) {
            for (Alert source : firing) {
                if (r.inhibits(source.labels(), a.labels())) {
                    return "inhibited by " + source.label("alertname");
                }
            }
        }
        return null;
    }
}
