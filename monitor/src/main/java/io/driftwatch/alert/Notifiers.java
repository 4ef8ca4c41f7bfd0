package io.driftwatch.alert;

import io.driftwatch.alert.notify.Notifier;
import io.driftwatch.alert.notify.console.ConsoleNotifier;
import io.driftwatch.alert.notify.webhook.WebhookNotifier;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Builds one notifier per configured receiver. */
public final class Notifiers {
    private Notifiers() {
    }

    public static Map<String, Notifier> create(Routing routing, String externalUrl, PrintStream console) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, Notifier> out = new HashMap<>();
        routing.receivers().forEach((name, r) -> out.put(name, r instanceof ReceiverConfig.Webhook w
                ? new WebhookNotifier(w, externalUrl, http)
                : new ConsoleNotifier(((ReceiverConfig.Console) r).file(), console)));
        return out;
    }
}
