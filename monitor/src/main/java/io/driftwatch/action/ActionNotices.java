package io.driftwatch.action;

import io.driftwatch.alert.Alert;
import io.driftwatch.alert.AlertStatus;
import io.driftwatch.alert.outbox.AlertSink;
import io.driftwatch.config.ActionConfig;
import io.driftwatch.store.Database;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells people what actions did, as alerts through the routing and outbox: {@code action_succeeded},
 * {@code action_failed}, {@code action_pending_approval} (with the approve URL) and, when the circuit
 * breaker opens, {@code action_circuit_open} (critical): a human must look.
 */
public final class ActionNotices implements ActionAlerts {
    private final AlertSink sink;
    private final Clock clock;
    private final String externalUrl;

    public ActionNotices(AlertSink sink, Clock clock, String externalUrl) {
        this.sink = sink;
        this.clock = clock;
        this.externalUrl = externalUrl;
    }

    @Override
    public void report(Decision d, ActionConfig config, DecisionLog store) throws SQLException {
        String name = switch (d.state()) {
            case SUCCEEDED -> "action_succeeded";
            case FAILED -> "action_failed";
            case PENDING_APPROVAL -> "action_pending_approval";
            case SKIPPED -> "circuit_breaker".equals(d.guard()) ? "action_circuit_open" : null;
            default -> null;
        };
        if (name == null) {
            return;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", name);
        labels.put("model", d.model());
        labels.put("action", d.kind().name().toLowerCase(java.util.Locale.ROOT));
        labels.put("strategy", d.strategy());
        labels.put("severity", d.state() == Decision.State.SUCCEEDED ? "info"
                : d.state() == Decision.State.PENDING_APPROVAL ? "warning" : "critical");
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", d.strategy() + " " + labels.get("action") + " of " + d.model() + ": "
                + d.state().name().toLowerCase(java.util.Locale.ROOT) + (d.error() == null ? "" : " (" + d.error() + ")"));
        annotations.put("target", String.valueOf(d.target()));
        annotations.put("decision", Long.toString(d.id()));
        if (d.state() == Decision.State.PENDING_APPROVAL) {
            annotations.put("approve", "POST " + externalUrl + "/api/v1/actions/" + d.id() + "/approve (expires "
                    + d.expiresAt() + ")");
        }
        Alert a = new Alert(Alert.fingerprint(labels) + "-" + d.id(), labels, annotations, AlertStatus.FIRING,
                clock.instant(), null, null, externalUrl + "/api/v1/actions/" + d.id());
        sink.raise(List.of(a));
    }
}
