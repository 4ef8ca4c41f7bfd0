package io.driftwatch.alert.notify.alertmanager;

import io.driftwatch.alert.Alert;
import io.driftwatch.alert.AlertStatus;
import io.driftwatch.alert.Notification;
import io.driftwatch.alert.notify.HttpPost;
import io.driftwatch.alert.notify.Notifier;
import io.driftwatch.alert.notify.NotifyException;
import io.driftwatch.util.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hands alerts to an Alertmanager ({@code POST /api/v2/alerts}) so teams keep their routing there:
 * labels, annotations, startsAt, generatorURL and endsAt. Sending the same alert twice is harmless
 * (Alertmanager merges by label set). A firing alert is sent again every resend interval with endsAt
 * {@link AlertmanagerConfig#VALID_FOR} intervals after the send, as Prometheus does: Alertmanager then
 * keeps it active whatever its resolve_timeout, and ends it by itself if Driftwatch stops sending.
 */
public final class AlertmanagerNotifier implements Notifier {
    private final AlertmanagerConfig config;
    private final HttpPost http;

    public AlertmanagerNotifier(AlertmanagerConfig config, HttpPost http) {
        this.config = config;
        this.http = http;
    }

    @Override
    public String send(Notification n) throws NotifyException {
        java.time.Instant validUntil = java.time.Instant.now()
                .plus(config.resend().multipliedBy(AlertmanagerConfig.VALID_FOR));
        List<Map<String, Object>> body = n.alerts().stream().map(a -> alert(a, validUntil)).toList();
        http.post(config.url() + "/api/v2/alerts", Json.write(body), config.timeout(), Map.of());
        return null;
    }

    private static Map<String, Object> alert(Alert a, java.time.Instant validUntil) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("labels", a.labels());
        m.put("annotations", a.annotations());
        m.put("startsAt", a.startsAt().toString());
        if (a.status() == AlertStatus.RESOLVED) {
            m.put("endsAt", (a.endsAt() == null ? java.time.Instant.now() : a.endsAt()).toString());
        } else {
            m.put("endsAt", validUntil.toString());
        }
        if (a.generatorUrl() != null) {
            m.put("generatorURL", a.generatorUrl());
        }
        return m;
    }
}
