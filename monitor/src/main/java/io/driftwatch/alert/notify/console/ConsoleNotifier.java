package io.driftwatch.alert.notify.console;

import io.driftwatch.alert.Alert;
import io.driftwatch.alert.AlertStatus;
import io.driftwatch.alert.Notification;
import io.driftwatch.alert.Templates;
import io.driftwatch.alert.notify.Notifier;
import io.driftwatch.alert.notify.NotifyException;
import io.driftwatch.util.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prints one readable line per alert to standard output, or appends one JSON object per alert to a
 * file (for tailing and for tests), with the notification's idempotency key.
 */
public final class ConsoleNotifier implements Notifier {
    private final Path file;
    private final PrintStream out;

    public ConsoleNotifier(Path file, PrintStream out) {
        this.file = file;
        this.out = out;
    }

    @Override
    public String send(Notification n) throws NotifyException {
        if (file == null) {
            n.alerts().forEach(a -> out.println(line(a)));
            out.flush();
            return null;
        }
        StringBuilder lines = new StringBuilder();
        n.alerts().forEach(a -> lines.append(Json.write(document(a, n.idempotencyKey()))).append('\n'));
        try {
            Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new NotifyException("cannot append to " + file + ": " + e.getMessage(), true, e);
        }
        return null;
    }

    static String line(Alert a) {
        String head = a.status() == AlertStatus.FIRING ? "ALERT FIRING  " : "ALERT RESOLVED";
        String feature = a.label("feature").isEmpty() ? "" : " feature=" + a.label("feature");
        String summary = a.annotations().getOrDefault("summary", a.annotations().getOrDefault("expr", ""));
        return head + " [" + a.label("severity") + "] " + a.label("alertname") + " model=" + a.label("model")
                + feature + " value=" + Templates.format(a.value()) + " | " + summary;
    }

    static Map<String, Object> document(Alert a, String key) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("status", a.status().label());
        d.put("fingerprint", a.fingerprint());
        d.put("labels", a.labels());
        d.put("annotations", a.annotations());
        d.put("value", a.value());
        d.put("startsAt", a.startsAt().toString());
        d.put("endsAt", a.endsAt() == null ? null : a.endsAt().toString());
        d.put("generatorURL", a.generatorUrl());
        d.put("idempotencyKey", key);
        return d;
    }
}
