package io.driftwatch.alert;

import io.driftwatch.alert.notify.HttpPost;
import io.driftwatch.alert.notify.Notifier;
import io.driftwatch.alert.notify.alertmanager.AlertmanagerNotifier;
import io.driftwatch.alert.notify.console.ConsoleNotifier;
import io.driftwatch.alert.notify.email.EmailNotifier;
import io.driftwatch.alert.notify.slack.SlackMessage;
import io.driftwatch.alert.notify.slack.SlackNotifier;
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
        HttpPost http = new HttpPost(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
        Map<String, Notifier> out = new HashMap<>();
        routing.receivers().forEach((name, r) -> out.put(name, create(r, externalUrl, console, http)));
        return out;
    }

    private static Notifier create(ReceiverConfig r, String externalUrl, PrintStream console, HttpPost http) {
        if (r instanceof ReceiverConfig.Webhook w) {
            return new WebhookNotifier(w, externalUrl, http);
        }
        if (r instanceof ReceiverConfig.Alertmanager a) {
            return new AlertmanagerNotifier(a, http);
        }
        if (r instanceof ReceiverConfig.Email e) {
            return new EmailNotifier(e);
        }
        if (r instanceof ReceiverConfig.Slack s) {
            return new SlackNotifier(s, SlackMessage.from(s.templates()));
        }
        return new ConsoleNotifier(((ReceiverConfig.Console) r).file(), console);
    }
}
