package io.driftwatch.alert.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.alert.Alert;
import io.driftwatch.alert.AlertStatus;
import io.driftwatch.alert.InhibitRule;
import io.driftwatch.alert.LabelMatcher;
import io.driftwatch.alert.Notification;
import io.driftwatch.alert.ReceiverConfig;
import io.driftwatch.alert.Route;
import io.driftwatch.alert.Routing;
import io.driftwatch.alert.notify.Notifier;
import io.driftwatch.alert.notify.NotifyException;
import io.driftwatch.alert.silence.Silence;
import io.driftwatch.config.StoreConfig;
import io.driftwatch.metrics.Metrics;
import io.driftwatch.alert.AlertStore;
import io.driftwatch.store.Database;
import io.driftwatch.alert.silence.SilenceStore;
import io.driftwatch.support.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox's decisions, stepped by hand on a manual clock: grouping and its intervals, repeats,
 * resolutions, silences, inhibition, retries with backoff and Retry-After, dead letters with their
 * notification_failed alert, and one receiver's failure leaving another untouched.
 */
class OutboxTest {
    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-28T10:00:00Z"));
    private Database db;
    private Outbox outbox;
    private OutboxContext ctx;
    private final Map<String, Recording> notifiers = new LinkedHashMap<>();
    private final Map<String, DeliveryWorker> workers = new LinkedHashMap<>();

    /** Records what it is sent; fails while {@code failures} is positive. */
    static final class Recording implements Notifier {
        final List<Notification> sent = new ArrayList<>();
        int failures;
        Duration retryAfter;

        @Override
        public String send(Notification n) throws NotifyException {
            if (failures > 0) {
                failures--;
                throw new NotifyException("HTTP 429", true, retryAfter, null);
            }
            sent.add(n);
            return "ref-" + n.id();
        }
    }

    @BeforeEach
    void open() throws Exception {
        db = Database.open(new StoreConfig("jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE", "sa", ""));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static LabelMatcher m(String text) {
        return LabelMatcher.parse(text, new String[1]).orElseThrow();
    }

    private void start(Route.Grouping grouping, List<InhibitRule> inhibit) {
        Route root = new Route("0", List.of(), "team", false, grouping, List.of(
                new Route("0.0", List.of(m("alertname=\"notification_failed\"")), "oncall", false, grouping, List.of())));
        Map<String, ReceiverConfig> receivers = Map.of(
                "team", new io.driftwatch.alert.notify.console.ConsoleConfig("team", null, true),
                "oncall", new io.driftwatch.alert.notify.console.ConsoleConfig("oncall", null, true));
        Routing routing = new Routing(root, receivers, inhibit,
                new Routing.Delivery(Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(10)));
        OutboxStore store = new OutboxStore(db);
        AlertStore alerts = new AlertStore(db);
        Metrics metrics = new Metrics();
        outbox = new Outbox(routing, store, metrics, clock);
        ctx = new OutboxContext(routing, store, alerts, new SilenceStore(db),
                new DeadLetters(store, new AlertSink(db, outbox), metrics, clock, "http://dw"), metrics, clock,
                new io.driftwatch.store.Leases(db, "test", java.time.Duration.ofSeconds(15)));
        receivers.keySet().forEach(r -> {
            notifiers.put(r, new Recording());
            workers.put(r, new DeliveryWorker(receivers.get(r), notifiers.get(r), ctx));
        });
    }

    private Alert alert(String feature, String severity, AlertStatus status) {
        Map<String, String> labels = Map.of("alertname", "Drift", "model", "m", "feature", feature, "severity", severity);
        return new Alert(Alert.fingerprint(labels), labels, Map.of("summary", feature), status, clock.instant(),
                status == AlertStatus.RESOLVED ? clock.instant() : null, 0.3, "http://dw/e");
    }

    private void raise(Alert... alerts) throws Exception {
        new AlertSink(db, outbox).raise(List.of(alerts));
    }

    private void advance(Duration d) {
        clock.advance(d);
    }

    private List<Notification> step(String receiver) throws Exception {
        int before = notifiers.get(receiver).sent.size();
        workers.get(receiver).step();
        List<Notification> all = notifiers.get(receiver).sent;
        return List.copyOf(all.subList(before, all.size()));
    }

    private static List<String> features(Notification n) {
        return n.alerts().stream().map(a -> a.label("feature") + ":" + a.status().label()).toList();
    }

    private static Route.Grouping byModel() {
        return new Route.Grouping(List.of("alertname", "model"), Duration.ofSeconds(30), Duration.ofMinutes(5),
                Duration.ofHours(4));
    }

    @Test
    void alertsOfAGroupWaitGroupWaitThenGoOutAsOneNotification() throws Exception {
        start(byModel(), List.of());
        raise(alert("x", "warning", AlertStatus.FIRING), alert("y", "warning", AlertStatus.FIRING));
        assertThat(step("team")).as("group_wait not over").isEmpty();
        advance(Duration.ofSeconds(20));
        raise(alert("z", "warning", AlertStatus.FIRING));
        advance(Duration.ofSeconds(10));
        List<Notification> first = step("team");
        assertThat(first).singleElement().satisfies(n -> {
            assertThat(features(n)).containsExactlyInAnyOrder("x:firing", "y:firing", "z:firing");
            assertThat(n.groupLabels()).containsExactlyInAnyOrderEntriesOf(Map.of("alertname", "Drift", "model", "m"));
        });

        raise(alert("x", "warning", AlertStatus.RESOLVED));
        advance(Duration.ofMinutes(4));
        assertThat(step("team")).as("group_interval not over").isEmpty();
        advance(Duration.ofMinutes(1));
        List<Notification> second = step("team");
        assertThat(second).singleElement().satisfies(n -> {
            assertThat(features(n)).containsExactlyInAnyOrder("x:resolved", "y:firing", "z:firing");
            assertThat(n.externalRef()).as("the group's earlier message, to update").isEqualTo("ref-" + first.get(0).id());
            assertThat(n.idempotencyKey()).isNotEqualTo(first.get(0).idempotencyKey());
        });

        advance(Duration.ofHours(3));
        assertThat(step("team")).as("repeat_interval not over").isEmpty();
        advance(Duration.ofHours(1));
        assertThat(step("team")).singleElement()
                .satisfies(n -> assertThat(features(n)).containsExactlyInAnyOrder("y:firing", "z:firing"));
        assertThat(step("oncall")).isEmpty();
    }

    @Test
    void silencedAlertsAreNotNotifiedUntilTheSilenceEnds() throws Exception {
        start(byModel(), List.of());
        new SilenceStore(db).insert(new Silence("s1", List.of("feature=\"x\""), clock.instant(), clock.instant().plusSeconds(600),
                "ana", "known upstream change", clock.instant()));
        raise(alert("x", "warning", AlertStatus.FIRING), alert("y", "warning", AlertStatus.FIRING));
        advance(Duration.ofSeconds(30));
        assertThat(step("team")).singleElement().satisfies(n -> assertThat(features(n)).containsExactly("y:firing"));
        raise(alert("w", "warning", AlertStatus.FIRING));
        advance(Duration.ofMinutes(11));
        assertThat(step("team")).singleElement().as("silence over: x is notified with the group's next change")
                .satisfies(n -> assertThat(features(n)).containsExactlyInAnyOrder("x:firing", "y:firing", "w:firing"));
    }

    @Test
    void aCriticalAlertInhibitsTheMatchingWarning() throws Exception {
        InhibitRule rule = new InhibitRule(List.of(m("severity=\"critical\"")), List.of(m("severity=\"warning\"")),
                List.of("model", "feature"));
        start(new Route.Grouping(List.of(Route.Grouping.ALL), Duration.ZERO, Duration.ofMinutes(5), Duration.ofHours(4)),
                List.of(rule));
        Map<String, String> critical = Map.of("alertname", "DriftCritical", "model", "m", "feature", "x",
                "severity", "critical");
        Alert crit = new Alert(Alert.fingerprint(critical), critical, Map.of(), AlertStatus.FIRING, clock.instant(), null, 0.5,
                "http://dw/e");
        raise(crit, alert("x", "warning", AlertStatus.FIRING), alert("y", "warning", AlertStatus.FIRING));
        List<Notification> sent = step("team");
        assertThat(sent).flatExtracting(n -> n.alerts()).extracting(a -> a.label("alertname") + "/" + a.label("feature"))
                .containsExactlyInAnyOrder("DriftCritical/x", "Drift/y");
    }

    @Test
    void failuresAreRetriedWithBackoffAndRetryAfterThenDeadLettered() throws Exception {
        start(new Route.Grouping(List.of(Route.Grouping.ALL), Duration.ZERO, Duration.ofMinutes(5), Duration.ofHours(4)),
                List.of());
        Recording team = notifiers.get("team");
        team.failures = 2;
        team.retryAfter = Duration.ofSeconds(42);
        raise(alert("x", "warning", AlertStatus.FIRING));
        assertThat(step("team")).isEmpty();
        OutboxStore.Message m = new OutboxStore(db).nextPending("team").orElseThrow();
        assertThat(m.attempts()).isEqualTo(1);
        assertThat(m.nextAttemptAt() - clock.instant().toEpochMilli()).as("Retry-After honoured").isEqualTo(42_000);
        advance(Duration.ofSeconds(41));
        assertThat(step("team")).as("not before Retry-After").isEmpty();
        advance(Duration.ofSeconds(1));
        team.retryAfter = null;
        assertThat(step("team")).isEmpty();
        long delay = new OutboxStore(db).nextPending("team").orElseThrow().nextAttemptAt() - clock.instant().toEpochMilli();
        assertThat(delay).as("second backoff step with jitter: 1 s × 2, halved at most").isBetween(1_000L, 2_000L);
        advance(Duration.ofMillis(delay));
        assertThat(step("team")).singleElement().satisfies(n -> assertThat(n.attempts()).isEqualTo(2));

        team.failures = 1_000;
        raise(alert("y", "warning", AlertStatus.FIRING));
        workers.get("team").step();
        for (int i = 0; i < 20 && new OutboxStore(db).nextPending("team").isPresent(); i++) {
            workers.get("team").step();
            advance(Duration.ofMinutes(1));
        }
        assertThat(new OutboxStore(db).deadLetters("team", 10)).singleElement().satisfies(d -> {
            assertThat(d.lastError()).contains("HTTP 429");
            assertThat(d.attempts()).isGreaterThan(3);
        });
        assertThat(new OutboxStore(db).nextPending("team")).isEmpty();
        assertThat(step("oncall")).as("notification_failed goes to the other receivers").singleElement()
                .satisfies(n -> {
                    assertThat(n.alerts().get(0).labels()).containsEntry("alertname", "notification_failed")
                            .containsEntry("receiver", "team");
                });
        assertThat(ctx.metrics().deadLetters.labelValues("team").get()).isEqualTo(1.0);
    }

    @Test
    void aFailingReceiverDoesNotHoldBackAnother() throws Exception {
        Route.Grouping g = new Route.Grouping(List.of(Route.Grouping.ALL), Duration.ZERO, Duration.ofMinutes(5),
                Duration.ofHours(4));
        start(g, List.of());
        notifiers.get("team").failures = 1_000;
        Map<String, String> labels = Map.of("alertname", "notification_failed", "receiver", "x", "severity", "critical");
        raise(new Alert(Alert.fingerprint(labels), labels, Map.of(), AlertStatus.FIRING, clock.instant(), null, 1.0, null));
        assertThat(step("team")).isEmpty();
        assertThat(step("oncall")).hasSize(1);
    }
}
