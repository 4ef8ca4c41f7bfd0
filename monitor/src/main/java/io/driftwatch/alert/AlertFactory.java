package io.driftwatch.alert;

import io.driftwatch.rules.Rule;
import io.driftwatch.rules.RuleEvent;
import io.driftwatch.rules.InstanceKey;
import io.driftwatch.rules.RuleState;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Turns rule events into alerts: labels, templated annotations and a link to the evaluation. */
public final class AlertFactory {
    private final String externalUrl;

    public AlertFactory(String externalUrl) {
        this.externalUrl = externalUrl;
    }

    public Alert alert(RuleEvent event, Instant now) {
        Rule rule = event.rule();
        RuleState s = event.state();
        Map<String, String> labels = new HashMap<>(event.labels());
        labels.putAll(rule.labels());
        labels.put("alertname", rule.name());
        if (!s.model().isEmpty()) {
            labels.put("model", s.model());
        }
        if (s.instance() instanceof InstanceKey.Column c && !c.feature().isEmpty()) {
            labels.put("feature", c.feature());
        }
        labels.put("severity", rule.severity());
        Map<String, String> annotations = new HashMap<>();
        rule.annotations().forEach((k, v) -> annotations.put(k, Templates.expand(v, labels, s.lastValue())));
        annotations.putIfAbsent("expr", rule.condition().toString());
        if (event.version() != null) {
            annotations.putIfAbsent("model_version", event.version());
        }
        Instant starts = s.firedAt() != null ? s.firedAt() : now;
        return new Alert(Alert.fingerprint(labels), labels, annotations,
                event.firing() ? AlertStatus.FIRING : AlertStatus.RESOLVED, starts, event.firing() ? null : now,
                s.lastValue(), externalUrl + "/api/v1/models/" + s.model() + "/evaluations?limit=1");
    }
}
