package io.driftwatch.alert.notify;

import io.driftwatch.alert.notify.alertmanager.AlertmanagerReceiver;
import io.driftwatch.alert.notify.console.ConsoleReceiver;
import io.driftwatch.alert.notify.email.EmailReceiver;
import io.driftwatch.alert.notify.slack.SlackReceiver;
import io.driftwatch.alert.notify.webhook.WebhookReceiver;
import java.util.List;
import java.util.Optional;

/** The receiver kinds, one registration line each. */
public final class Receivers {
    public static final List<ReceiverKind> ALL = List.of(
            new ConsoleReceiver(),
            new WebhookReceiver(),
            new SlackReceiver(),
            new EmailReceiver(),
            new AlertmanagerReceiver());

    private Receivers() {
    }

    public static Optional<ReceiverKind> byKey(String key) {
        return ALL.stream().filter(k -> k.key().equals(key)).findFirst();
    }

    public static List<String> keys() {
        return ALL.stream().map(ReceiverKind::key).toList();
    }
}
