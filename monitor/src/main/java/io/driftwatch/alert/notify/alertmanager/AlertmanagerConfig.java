package io.driftwatch.alert.notify.alertmanager;

import io.driftwatch.alert.ReceiverConfig;
import java.time.Duration;

/** An Alertmanager: {@code POST /api/v2/alerts}, re-sent while firing and with endsAt on resolution. */
public record AlertmanagerConfig(String name, String url, Duration timeout, boolean sendResolved)
        implements ReceiverConfig {
}
