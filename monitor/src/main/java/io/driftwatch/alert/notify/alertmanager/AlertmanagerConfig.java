package io.driftwatch.alert.notify.alertmanager;

import io.driftwatch.alert.ReceiverConfig;
import java.time.Duration;
import java.util.Optional;

/**
 * An Alertmanager: {@code POST /api/v2/alerts}. As Prometheus does, every change is sent at once and every
 * firing alert again each {@code resendInterval}, with endsAt {@link #VALID_FOR} resend intervals ahead, so
 * Alertmanager keeps it active while Driftwatch fires it and ends it soon after Driftwatch stops.
 */
public record AlertmanagerConfig(String name, String url, Duration timeout, boolean sendResolved, Duration resend)
        implements ReceiverConfig {
    /** How many resend intervals a firing alert is valid for (Prometheus: 4). */
    public static final int VALID_FOR = 4;

    @Override
    public Optional<Duration> resendInterval() {
        return Optional.of(resend);
    }
}
