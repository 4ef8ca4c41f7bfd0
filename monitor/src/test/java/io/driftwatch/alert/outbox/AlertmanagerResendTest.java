package io.driftwatch.alert.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.alert.Alert;
import io.driftwatch.alert.AlertStatus;
import io.driftwatch.alert.AlertStore;
import io.driftwatch.alert.ReceiverConfig;
import io.driftwatch.alert.Route;
import io.driftwatch.alert.Routing;
import io.driftwatch.alert.notify.HttpPost;
import io.driftwatch.alert.notify.Notifier;
import io.driftwatch.alert.notify.alertmanager.AlertmanagerConfig;
import io.driftwatch.alert.notify.alertmanager.AlertmanagerNotifier;
import io.driftwatch.alert.silence.SilenceStore;
import io.driftwatch.config.StoreConfig;
import io.driftwatch.metrics.Metrics;
import io.driftwatch.store.Database;
import io.driftwatch.support.AlertmanagerServer;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path (alert sink, outbox, delivery worker, notifier) into a real Alertmanager whose
 * resolve_timeout is 3 s, on a route with the usual slow timings (group_wait 30s, group_interval 5m,
 * repeat_interval 4h). Driftwatch re-sends every second: the alert stays active for four resolve timeouts
 * while Driftwatch fires it, and ends within one resend interval after Driftwatch resolves it.
 */
class AlertmanagerResendTest {
    private static final Duration RESOLVE_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration RESEND = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    @Test
    void aFiringAlertStaysActiveAcrossResolveTimeoutsAndEndsSoonAfterItResolves() throws Exception {
        try (AlertmanagerServer am = AlertmanagerServer.start(dir.resolve("am"), RESOLVE_TIMEOUT);
             Database db = Database.open(new StoreConfig("jdbc:h2:file:" + dir.resolve("db"), "sa", ""))) {
            ReceiverConfig receiver = new AlertmanagerConfig("am", am.url(), Duration.ofSeconds(5), true, RESEND);
            Route.Grouping slow = new Route.Grouping(List.of("alertname"), Duration.ofSeconds(30), Duration.ofMinutes(5),
                    Duration.ofHours(4));
            Routing routing = new Routing(new Route("0", List.of(), "am", false, slow, List.of()), Map.of("am", receiver),
                    List.of(), Routing.Delivery.defaults());
            Clock clock = Clock.systemUTC();
            Metrics metrics = new Metrics();
            OutboxStore store = new OutboxStore(db);
            Outbox outbox = new Outbox(routing, store, metrics, clock);
            AlertSink sink = new AlertSink(db, outbox);
            OutboxContext ctx = new OutboxContext(routing, store, new AlertStore(db), new SilenceStore(db),
                    new DeadLetters(store, sink, metrics, clock, "http://dw"), metrics, clock,
                    new io.driftwatch.store.Leases(db, "test", Duration.ofSeconds(15)));
            Map<String, Notifier> notifiers = Map.of("am", new AlertmanagerNotifier((AlertmanagerConfig) receiver,
                    new HttpPost(HttpClient.newHttpClient())));
            try (Workers workers = new Workers(routing.receivers(), notifiers, ctx)) {
                outbox.onWakeUp(workers::pokeAll);
                workers.start();
                Instant start = Instant.now();
                sink.raise(List.of(alert(AlertStatus.FIRING, start)));
                await().atMost(Duration.ofSeconds(5)).until(() -> am.alerts("active=true").size() == 1);
                await().during(RESOLVE_TIMEOUT.multipliedBy(4)).atMost(RESOLVE_TIMEOUT.multipliedBy(5))
                        .pollInterval(Duration.ofMillis(250)).until(() -> am.alerts("active=true").size() == 1);

                sink.raise(List.of(alert(AlertStatus.RESOLVED, start)));
                Instant resolved = Instant.now();
                await().atMost(RESEND.plusSeconds(2)).pollInterval(Duration.ofMillis(100))
                        .until(() -> am.alerts("active=true").isEmpty());
                assertThat(Duration.between(resolved, Instant.now())).isLessThanOrEqualTo(RESEND.plusSeconds(2));
                assertThat(am.alerts("")).as("Alertmanager lists no resolved alert").isEmpty();
            }
        }
    }

    private static Alert alert(AlertStatus status, Instant start) {
        Map<String, String> labels = Map.of("alertname", "FeatureDrift", "model", "m", "feature", "x", "severity", "critical");
        return new Alert(Alert.fingerprint(labels), labels, Map.of("summary", "PSI on x"), status, start,
                status == AlertStatus.RESOLVED ? Instant.now() : null, 0.3, "http://dw/e");
    }
}
