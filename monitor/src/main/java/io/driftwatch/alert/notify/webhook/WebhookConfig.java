package io.driftwatch.alert.notify.webhook;

import io.driftwatch.alert.ReceiverConfig;
import java.time.Duration;
import java.util.Map;

/**
 * An HTTP POST of Alertmanager's webhook payload, with an {@code Idempotency-Key} header and, when
 * {@code hmacSecretEnv} names a variable, an {@code X-Driftwatch-Signature: sha256=<hex>} header.
 */
public record WebhookConfig(String name, String url, Duration timeout, Map<String, String> headers,
                            boolean sendResolved, String hmacSecretEnv) implements ReceiverConfig {
    public WebhookConfig {
        headers = Map.copyOf(headers);
    }
}
