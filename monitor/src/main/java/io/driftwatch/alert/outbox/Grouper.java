package io.driftwatch.alert.outbox;

import io.driftwatch.alert.Alert;
import io.driftwatch.alert.AlertStatus;
import io.driftwatch.alert.ReceiverConfig;
import io.driftwatch.alert.Route;
import io.driftwatch.util.Json;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a receiver's routed alert events into notifications, as Alertmanager's dispatcher does: a new
 * group waits {@code group_wait}, a changed group {@code group_interval} after its last notification, and
 * an unchanged firing group is notified again after {@code repeat_interval}. A notification lists the
 * group's firing alerts that are neither silenced nor inhibited, and the alerts that resolved since (when
 * the receiver sends resolved). Items are taken into the message in the transaction that writes it.
 */
final class Grouper {
    private final ReceiverConfig receiver;
    private final OutboxContext ctx;
    private final Map<String, Route> routes = new HashMap<>();

    Grouper(ReceiverConfig receiver, OutboxContext ctx) {
        this.receiver = receiver;
        this.ctx = ctx;
        index(ctx.routing().root());
    }

    private void index(Route r) {
        routes.put(r.id(), r);
        r.routes().forEach(this::index);
    }

    /** A message's content. */
    record Payload(Map<String, String> groupLabels, List<Alert> alerts) {
        static Payload read(String json) {
            return Json.MAPPER.readValue(json, Payload.class);
        }
    }

    void formDue() throws SQLException {
        long now = ctx.clock().millis();
        Map<String, List<OutboxStore.Item>> open = ctx.store().openItems(receiver.name());
        List<OutboxStore.Group> stale = ctx.store().staleGroups(receiver.name(), now - minRepeat());
        if (open.isEmpty() && stale.isEmpty()) {
            return;
        }
        Suppression suppression = suppression(now); // silences and firing alerts, read once per round with work
        for (Map.Entry<String, List<OutboxStore.Item>> e : open.entrySet()) {
            form(e.getKey(), routeOf(e.getKey()), e.getValue(), now, suppression);
        }
        for (OutboxStore.Group g : stale) {
            Route route = routeOf(g.groupKey());
            if (g.lastSentAt() + repeatInterval(route) <= now) {
                repeat(g, route, now, suppression);
            }
        }
    }

    private Suppression suppression(long now) throws SQLException {
        return new Suppression(ctx.silences().all(), ctx.routing().inhibitRules(), ctx.alerts().firing(),
                Instant.ofEpochMilli(now));
    }

    private long minRepeat() {
        return routes.values().stream().mapToLong(this::repeatInterval).min().orElse(0);
    }

    /** The route's timings for this receiver: a receiver with a resend interval gets changes at once. */
    private long repeatInterval(Route route) {
        return receiver.resendInterval().map(java.time.Duration::toMillis)
                .orElse(route.grouping().repeatInterval().toMillis());
    }

    private long groupWait(Route route) {
        return receiver.resendInterval().isPresent() ? 0 : route.grouping().groupWait().toMillis();
    }

    private long groupInterval(Route route) {
        return receiver.resendInterval().isPresent() ? 0 : route.grouping().groupInterval().toMillis();
    }

    private Route routeOf(String groupKey) {
        Route r = routes.get(groupKey.substring(0, groupKey.indexOf(':')));
        return r == null ? ctx.routing().root() : r;
    }

    private void form(String key, Route route, List<OutboxStore.Item> items, long now, Suppression suppression)
            throws SQLException {
        ctx.store().db().inTransaction(c -> {
            ctx.fence(c, receiver.name());
            OutboxStore.Group g = ctx.store().group(c, receiver.name(), key)
                    .orElse(new OutboxStore.Group(key, Map.of(), null, null));
            long due = g.lastSentAt() == null ? items.get(0).createdAt() + groupWait(route)
                    : g.lastSentAt() + groupInterval(route);
            if (due > now) {
                return null;
            }
            Map<String, Alert> firing = new LinkedHashMap<>(g.firing());
            List<Alert> resolved = new ArrayList<>();
            for (OutboxStore.Item i : items) {
                Alert a = i.alert();
                if (a.status() == AlertStatus.FIRING) {
                    removeFiring(firing, a); // the same alert under an older fingerprint
                    firing.put(a.fingerprint(), a);
                } else if (removeFiring(firing, a) && receiver.sendResolved()) {
                    resolved.add(a);
                }
            }
            List<Alert> alerts = new ArrayList<>(visible(firing, suppression));
            alerts.addAll(resolved);
            long messageId = alerts.isEmpty() ? 0 : write(c, key, route, alerts, now);
            ctx.store().take(c, items, messageId);
            ctx.store().saveGroup(c, receiver.name(), new OutboxStore.Group(key, firing,
                    messageId == 0 ? g.lastSentAt() : Long.valueOf(now), g.externalRef()));
            return null;
        });
    }

    /**
     * Takes a resolved alert out of a group's firing ones: by fingerprint, or by its labels where the group
     * holds it under a fingerprint computed otherwise (stored before fingerprints became Alertmanager's).
     */
    private static boolean removeFiring(Map<String, Alert> firing, Alert resolved) {
        if (firing.remove(resolved.fingerprint()) != null) {
            return true;
        }
        return firing.values().removeIf(f -> f.labels().equals(resolved.labels()));
    }

    private void repeat(OutboxStore.Group g, Route route, long now, Suppression suppression) throws SQLException {
        List<Alert> alerts = visible(g.firing(), suppression);
        ctx.store().db().inTransaction(c -> {
            ctx.fence(c, receiver.name());
            if (!alerts.isEmpty()) {
                write(c, g.groupKey(), route, alerts, now);
            }
            ctx.store().saveGroup(c, receiver.name(), new OutboxStore.Group(g.groupKey(), g.firing(), now,
                    g.externalRef()));
            return null;
        });
    }

    private List<Alert> visible(Map<String, Alert> firing, Suppression suppression) {
        return firing.values().stream().filter(a -> suppression.reason(a) == null).toList();
    }

    private long write(java.sql.Connection c, String key, Route route, List<Alert> alerts, long now)
            throws SQLException {
        Payload p = new Payload(route.grouping().labelsOf(alerts.get(0).labels()), alerts);
        return ctx.store().insertMessage(c, receiver.name(), key, "dw-" + UUID.randomUUID(), Json.write(p), now);
    }
}
