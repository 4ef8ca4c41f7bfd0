package io.driftwatch.alert.notify.webhook;

import io.driftwatch.alert.Alert;
import io.driftwatch.alert.ReceiverConfig;
import io.driftwatch.alert.notify.Notifier;
import io.driftwatch.alert.notify.NotifyException;
import io.driftwatch.util.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** POSTs Alertmanager's webhook payload (version 4) with one alert. 5xx and 429 are retryable. */
public final class WebhookNotifier implements Notifier {
    private final ReceiverConfig.Webhook config;
    private final String externalUrl;
    private final HttpClient http;

    public WebhookNotifier(ReceiverConfig.Webhook config, String externalUrl, HttpClient http) {
        this.config = config;
        this.externalUrl = externalUrl;
        this.http = http;
    }

    @Override
    public void send(Alert alert) throws NotifyException {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(config.url())).timeout(config.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(payload(alert))));
        config.headers().forEach(req::header);
        HttpResponse<String> resp;
        try {
            resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new NotifyException("POST " + config.url() + " failed: " + e, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotifyException("interrupted", true, e);
        }
        int code = resp.statusCode();
        if (code / 100 != 2) {
            throw new NotifyException("POST " + config.url() + " answered " + code, code == 429 || code >= 500, null);
        }
    }

    Map<String, Object> payload(Alert a) {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("status", a.status().label());
        alert.put("labels", a.labels());
        alert.put("annotations", a.annotations());
        alert.put("startsAt", a.startsAt().toString());
        alert.put("endsAt", a.endsAt() == null ? "0001-01-01T00:00:00Z" : a.endsAt().toString());
        alert.put("generatorURL", a.generatorUrl());
        alert.put("fingerprint", a.fingerprint());
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("version", "4");
        p.put("groupKey", "{}:{alertname=\"" + a.label("alertname") + "\", fingerprint=\"" + a.fingerprint() + "\"}");
        p.put("truncatedAlerts", 0);
        p.put("status", a.status().label());
        p.put("receiver", config.name());
        p.put("groupLabels", Map.of("alertname", a.label("alertname")));
        p.put("commonLabels", a.labels());
        p.put("commonAnnotations", a.annotations());
        p.put("externalURL", externalUrl);
        p.put("alerts", List.of(alert));
        return p;
    }
}
