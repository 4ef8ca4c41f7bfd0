package io.driftwatch.app;

import io.driftwatch.alert.Alert;
import io.driftwatch.alert.AlertStatus;
import io.driftwatch.alert.outbox.AlertSink;
import io.driftwatch.rules.RuleStateStore;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Models a reload took out of the configuration: their firing alerts are resolved once, saying why, in the
 * same transaction that forgets their rule states, so nothing fires for a model no longer watched and a
 * model added back starts afresh.
 */
final class Removed {
    private static final Logger LOG = LoggerFactory.getLogger(Removed.class);

    private Removed() {
    }

    static void resolve(List<String> models, Wiring.Shell shell, AlertSink sink, RuleStateStore states) throws SQLException {
        if (models.isEmpty()) {
            return;
        }
        Instant now = shell.clock().instant();
        List<Alert> resolved = shell.alertStore().firing().stream().filter(a -> models.contains(a.label("model")))
                .map(a -> {
                    Map<String, String> notes = new HashMap<>(a.annotations());
                    notes.put("resolved_because", "model " + a.label("model") + " was removed from the configuration");
                    return new Alert(a.fingerprint(), a.labels(), notes, AlertStatus.RESOLVED, a.startsAt(), now, a.value(),
                            a.generatorUrl());
                }).toList();
        sink.commit(resolved, c -> {
            for (String m : models) {
                states.forget(c, m);
            }
            return null;
        });
        LOG.info("models removed by the reload: {}; {} firing alert(s) resolved", models, resolved.size());
    }
}
