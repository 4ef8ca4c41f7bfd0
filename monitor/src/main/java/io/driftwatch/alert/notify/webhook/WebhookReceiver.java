package io.driftwatch.alert.notify.webhook;

import io.driftwatch.alert.ReceiverConfig;
import io.driftwatch.alert.notify.Notifier;
import io.driftwatch.alert.notify.NotifierContext;
import io.driftwatch.alert.notify.ReceiverBlocks;
import io.driftwatch.alert.notify.ReceiverKind;
import io.driftwatch.config.ConfigNode;
import java.nio.file.Path;
import java.time.Duration;

/** {@code webhook: {url, timeout?, headers?, hmac_secret_env?, send_resolved?}}. */
public final class WebhookReceiver implements ReceiverKind {
    @Override
    public String key() {
        return "webhook";
    }

    @Override
    public String description() {
        return "`POST url` with Alertmanager's webhook payload (version 4), header `Idempotency-Key`, and with "
                + "`hmac_secret_env` an `X-Driftwatch-Signature: sha256=<hex HMAC-SHA256 of the body>`";
    }

    @Override
    public Class<WebhookConfig> configType() {
        return WebhookConfig.class;
    }

    @Override
    public ReceiverConfig parse(String name, ConfigNode w, Path base) {
        String url = ReceiverBlocks.httpUrl(w, "url");
        Duration timeout = w.duration("timeout").orElse(Duration.ofSeconds(10));
        var headers = w.stringMap("headers");
        boolean resolved = w.bool("send_resolved").orElse(true);
        String hmac = w.secretEnv("hmac_secret_env", "receiver '" + name + "'").orElse(null);
        w.finish();
        return new WebhookConfig(name, url, timeout, headers, resolved, hmac);
    }

    @Override
    public Notifier notifier(ReceiverConfig config, NotifierContext context) {
        return new WebhookNotifier((WebhookConfig) config, context.externalUrl(), context.http());
    }
}
