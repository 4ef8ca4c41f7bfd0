package io.driftwatch.alert;

import io.driftwatch.alert.notify.HttpPost;
import io.driftwatch.alert.notify.Notifier;
import io.driftwatch.alert.notify.NotifierContext;
import io.driftwatch.alert.notify.Receivers;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Builds one notifier per configured receiver, by the kind that parsed it. */
public final class Notifiers {
    private Notifiers() {
    }

    public static Map<String, Notifier> create(Routing routing, String externalUrl, PrintStream console) {
        NotifierContext context = new NotifierContext(externalUrl, console,
                new HttpPost(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()));
        Map<String, Notifier> out = new HashMap<>();
        routing.receivers().forEach((name, r) -> out.put(name, Receivers.ALL.stream()
                .filter(k -> k.configType().isInstance(r)).findFirst().orElseThrow()
                .notifier(r, context)));
        return out;
    }
}
