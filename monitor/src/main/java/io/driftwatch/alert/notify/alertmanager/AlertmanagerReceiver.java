package io.driftwatch.alert.notify.alertmanager;

import io.driftwatch.alert.ReceiverConfig;
import io.driftwatch.alert.notify.Notifier;
import io.driftwatch.alert.notify.NotifierContext;
import io.driftwatch.alert.notify.ReceiverBlocks;
import io.driftwatch.alert.notify.ReceiverKind;
import io.driftwatch.config.ConfigNode;
import java.nio.file.Path;
import java.time.Duration;

/** {@code alertmanager: {url, timeout?, send_resolved?}}. */
public final class AlertmanagerReceiver implements ReceiverKind {
    @Override
    public String key() {
        return "alertmanager";
    }

    @Override
    public String description() {
        return "`POST /api/v2/alerts` with labels, annotations, startsAt, generatorURL, and endsAt on resolution; "
                + "re-sent at each `repeat_interval` while firing";
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
        n.finish();
        return new AlertmanagerConfig(name, url == null ? null : url.replaceAll("/+$", ""), timeout, resolved);
    }

    @Override
    public Notifier notifier(ReceiverConfig config, NotifierContext context) {
        return new AlertmanagerNotifier((AlertmanagerConfig) config, context.http());
    }
}
