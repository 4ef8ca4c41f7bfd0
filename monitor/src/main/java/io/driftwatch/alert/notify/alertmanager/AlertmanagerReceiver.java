package io.driftwatch.alert.notify.alertmanager;

import io.driftwatch.alert.ReceiverConfig;
import io.driftwatch.alert.notify.Notifier;
import io.driftwatch.alert.notify.NotifierContext;
import io.driftwatch.alert.notify.ReceiverBlocks;
import io.driftwatch.alert.notify.ReceiverKind;
import io.driftwatch.config.ConfigNode;
import java.nio.file.Path;
import java.time.Duration;

/** {@code alertmanager: {url, timeout?, send_resolved?, resend_interval?}}. */
public final class AlertmanagerReceiver implements ReceiverKind {
    @Override
    public String key() {
        return "alertmanager";
    }

    @Override
    public String description() {
        return "`POST /api/v2/alerts` as Prometheus sends: every change at once, every firing alert again each "
                + "`resend_interval` (1m) with endsAt four intervals ahead, endsAt of the resolution";
    }

    @Override
    public Class<AlertmanagerConfig> configType() {
        return AlertmanagerConfig.class;
    }

    @Override
    public ReceiverConfig parse(String name, ConfigNode n, Path base) {
        String url = ReceiverBlocks.httpUrl(n, "url");
        Duration timeout = n.duration("timeout").orElse(Duration.ofSeconds(10));
        boolean resolved = n.bool("send_resolved").orElse(true);
        Duration resend = n.duration("resend_interval").orElse(Duration.ofMinutes(1));
        if (resend.compareTo(Duration.ofSeconds(1)) < 0) {
            n.error("resend_interval", "must be at least 1s, not " + resend);
            resend = Duration.ofMinutes(1);
        }
        n.finish();
        return new AlertmanagerConfig(name, url == null ? null : url.replaceAll("/+$", ""), timeout, resolved, resend);
    }

    @Override
    public Notifier notifier(ReceiverConfig config, NotifierContext context) {
        return new AlertmanagerNotifier((AlertmanagerConfig) config, context.http());
    }
}
