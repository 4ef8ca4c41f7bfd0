package io.driftwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.driftwatch.alert.notify.HttpPost;
import io.driftwatch.alert.notify.NotifyException;
import io.driftwatch.alert.notify.alertmanager.AlertmanagerNotifier;
import io.driftwatch.support.AlertmanagerServer;
import io.driftwatch.support.PrometheusServer;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The Alertmanager receiver against Debian's prometheus-alertmanager. */
class AlertmanagerNotifierTest {
    @TempDir
    Path dir;

    private static Notification notification(AlertStatus status, Instant start) {
        Map<String, String> labels = Map.of("alertname", "FeatureDrift", "model", "credit-risk", "feature", "income",
                "severity", "critical");
        Alert a = new Alert(Alert.fingerprint(labels), labels, Map.of("summary", "PSI 0.41 on income"), status, start,
                status == AlertStatus.RESOLVED ? Instant.now().minusSeconds(1) : null, 0.41,
                "http://driftwatch:8080/api/v1/models/credit-risk/evaluations?limit=1");
        return new Notification(1, "am", "0:{}", Map.of(), List.of(a), "dw-1", 0, null);
    }

    @Test
    void firingAlertsArriveWithTheirLabelsAndResolutionsEndThem() throws Exception {
        try (AlertmanagerServer am = AlertmanagerServer.start(dir.resolve("am"))) {
            AlertmanagerNotifier n = new AlertmanagerNotifier(new io.driftwatch.alert.notify.alertmanager.AlertmanagerConfig("am", am.url(),
                    Duration.ofSeconds(5), true, Duration.ofMinutes(1)), new HttpPost(HttpClient.newHttpClient()));
            Instant start = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
            n.send(notification(AlertStatus.FIRING, start));
            n.send(notification(AlertStatus.FIRING, start));
            JsonNode alerts = am.alerts("active=true");
            assertThat(alerts).hasSize(1);
            JsonNode a = alerts.get(0);
            assertThat(a.get("labels").get("feature").asString()).isEqualTo("income");
            assertThat(a.get("labels").get("alertname").asString()).isEqualTo("FeatureDrift");
            assertThat(a.get("annotations").get("summary").asString()).isEqualTo("PSI 0.41 on income");
            assertThat(a.get("generatorURL").asString()).endsWith("/api/v1/models/credit-risk/evaluations?limit=1");
            assertThat(Instant.parse(a.get("startsAt").asString())).isEqualTo(start);
            assertThat(a.get("status").get("state").asString()).isEqualTo("active");
            assertThat(Instant.parse(a.get("endsAt").asString())).as("valid for four resend intervals")
                    .isBetween(Instant.now().plusSeconds(230), Instant.now().plusSeconds(241));
            assertThat(a.get("fingerprint").asString()).as("named as Alertmanager names it")
                    .isEqualTo(notification(AlertStatus.FIRING, start).alerts().get(0).fingerprint());

            n.send(notification(AlertStatus.RESOLVED, start));
            await().atMost(Duration.ofSeconds(10)).until(() -> am.alerts("active=true").isEmpty());
        }
    }

    /** Label sets with every kind of value (empty, non-ASCII, the separator's neighbours): the same fingerprint. */
    @Test
    void fingerprintsAreAlertmanagersOwn() throws Exception {
        List<Map<String, String>> sets = List.of(Map.of("alertname", "A"), Map.of("alertname", "B", "model", "fraud v2"),
                Map.of("alertname", "C", "feature", "größe", "team", "ml/ä€𝄞"), Map.of("alertname", "D", "a", "", "b", "x=y"),
                Map.of("alertname", "E", "z_last", "1", "a_first", "2", "M_upper", "3"));
        try (AlertmanagerServer am = AlertmanagerServer.start(dir.resolve("am"))) {
            AlertmanagerNotifier n = new AlertmanagerNotifier(new io.driftwatch.alert.notify.alertmanager.AlertmanagerConfig("am",
                    am.url(), Duration.ofSeconds(5), true, Duration.ofMinutes(1)), new HttpPost(HttpClient.newHttpClient()));
            List<Alert> alerts = sets.stream().map(l -> new Alert(Alert.fingerprint(l), l, Map.of(), AlertStatus.FIRING,
                    Instant.now(), null, null, null)).toList();
            n.send(new Notification(1, "am", "0:{}", Map.of(), alerts, "dw-1", 0, null));
            Map<String, String> theirs = new java.util.HashMap<>();
            am.alerts("").forEach(a -> theirs.put(a.get("labels").get("alertname").asString(), a.get("fingerprint").asString()));
            alerts.forEach(a -> assertThat(theirs.get(a.label("alertname"))).as(a.labels().toString()).isEqualTo(a.fingerprint()));
        }
    }

    @Test
    void anAlertmanagerThatIsDownIsARetryableFailure() throws Exception {
        String url = "http://127.0.0.1:" + PrometheusServer.freePort();
        AlertmanagerNotifier n = new AlertmanagerNotifier(new io.driftwatch.alert.notify.alertmanager.AlertmanagerConfig("am", url,
                Duration.ofSeconds(2), true, Duration.ofMinutes(1)), new HttpPost(HttpClient.newHttpClient()));
        assertThatThrownBy(() -> n.send(notification(AlertStatus.FIRING, Instant.now())))
                .isInstanceOf(NotifyException.class).satisfies(e -> assertThat(((NotifyException) e).retryable()).isTrue());
    }
}
