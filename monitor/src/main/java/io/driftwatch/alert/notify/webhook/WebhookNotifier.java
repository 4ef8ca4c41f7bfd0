package io.driftwatch.alert.notify.webhook;

import io.driftwatch.alert.Alert;
import io.driftwatch.alert.Notification;
import io.driftwatch.alert.notify.HttpPost;
import io.driftwatch.alert.notify.Notifier;
import io.driftwatch.alert.notify.NotifyException;
import io.driftwatch.util.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs Alertmanager's webhook payload (version 4) with the group's alerts. Every attempt of one
 * notification carries the same {@code Idempotency-Key}; with {@code hmac_secret_env}, the header
 * {@code X-Driftwatch-Signature: sha256=<hex HMAC-SHA256 of the body>} lets the receiver verify it.
 */
public final class WebhookNotifier implements Notifier {
    public static final String SIGNATURE = "X-Driftwatch-Signature";

    private final WebhookConfig config;
    private final String externalUrl;
    private final HttpPost http;

    public WebhookNotifier(WebhookConfig config, String externalUrl, HttpPost http) {
        this.config = config;
        this.externalUrl = externalUrl;
        this.http = http;
    }

    @Override
    public String send(Notification n) throws NotifyException {
        String body = Json.write(payload(n));
        Map<String, String> headers = new HashMap<>(config.headers());
        headers.put("Idempotency-Key", n.idempotencyKey());
        if (config.hmacSecretEnv() != null) {
            String secret = System.getenv(config.hmacSecretEnv());
            if (secret == null) {
                throw new NotifyException("environment variable " + config.hmacSecretEnv() + " (webhook HMAC secret) "
                        + "is not set", false, null);
            }
            headers.put(SIGNATURE, "sha256=" + sign(secret, body));
        }
        http.post(config.url(), body, config.timeout(), headers);
        return null;
    }

    /** Hex HMAC-SHA256 of the body. */
    public static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    Map<String, Object> payload(Notification n) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("version", "4");
        p.put("groupKey", n.groupKey());
        p.put("truncatedAlerts", 0);
        p.put("status", n.status().label());
        p.put("receiver", config.name());
        p.put("groupLabels", n.groupLabels());
        p.put("commonLabels", n.commonLabels());
        p.put("commonAnnotations", common(n.alerts()));
        p.put("externalURL", externalUrl);
        p.put("alerts", n.alerts().stream().map(WebhookNotifier::alert).toList());
        return p;
    }

    private static Map<String, Object> alert(Alert a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", a.status().label());
        m.put("labels", a.labels());
        m.put("annotations", a.annotations());
        m.put("startsAt", a.startsAt().toString());
        m.put("endsAt", a.endsAt() == null ? "0001-01-01T00:00:00Z" : a.endsAt().toString());
        m.put("generatorURL", a.generatorUrl());
        m.put("fingerprint", a.fingerprint());
        return m;
    }

    private static Map<String, String> common(List<Alert> alerts) {
        Map<String, String> common = new java.util.TreeMap<>(alerts.get(0).annotations());
        alerts.forEach(a -> common.entrySet().removeIf(e -> !e.getValue().equals(a.annotations().get(e.getKey()))));
        return common;
    }
}
