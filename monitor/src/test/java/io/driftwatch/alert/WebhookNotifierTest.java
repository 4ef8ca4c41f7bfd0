package io.driftwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.driftwatch.alert.notify.NotifyException;
import io.driftwatch.alert.notify.webhook.WebhookNotifier;
import io.driftwatch.util.Json;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The webhook receiver against a real HTTP server on loopback. */
class WebhookNotifierTest {
    private HttpServer server;
    private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    private final List<String> headers = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", ex -> {
            bodies.add(Json.MAPPER.readTree(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            headers.add(ex.getRequestHeaders().getFirst("X-Team"));
            ex.sendResponseHeaders(status.get(), -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private WebhookNotifier notifier() {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        return new WebhookNotifier(new ReceiverConfig.Webhook("hook", url, Duration.ofSeconds(5), Map.of("X-Team", "ml"), true),
                "http://driftwatch:8080", HttpClient.newHttpClient());
    }

    private static Alert alert(AlertStatus status) {
        Map<String, String> labels = Map.of("alertname", "XShift", "model", "m", "feature", "x", "severity", "critical");
        Instant start = Instant.parse("2026-11-28T10:00:00Z");
        return new Alert(Alert.fingerprint(labels), labels, Map.of("summary", "PSI high"), status, start,
                status == AlertStatus.RESOLVED ? start.plusSeconds(600) : null, 0.4, "http://driftwatch:8080/x");
    }

    @Test
    void postsAlertmanagerWebhookPayload() throws Exception {
        notifier().send(alert(AlertStatus.FIRING));
        notifier().send(alert(AlertStatus.RESOLVED));
        assertThat(bodies).hasSize(2);
        JsonNode firing = bodies.get(0);
        assertThat(firing.get("version").asString()).isEqualTo("4");
        assertThat(firing.get("status").asString()).isEqualTo("firing");
        assertThat(firing.get("receiver").asString()).isEqualTo("hook");
        assertThat(firing.get("externalURL").asString()).isEqualTo("http://driftwatch:8080");
        JsonNode a = firing.get("alerts").get(0);
        assertThat(a.get("labels").get("alertname").asString()).isEqualTo("XShift");
        assertThat(a.get("annotations").get("summary").asString()).isEqualTo("PSI high");
        assertThat(a.get("startsAt").asString()).isEqualTo("2026-11-28T10:00:00Z");
        assertThat(a.get("fingerprint").asString()).isEqualTo(alert(AlertStatus.FIRING).fingerprint());
        assertThat(bodies.get(1).get("alerts").get(0).get("endsAt").asString()).isEqualTo("2026-11-28T10:10:00Z");
        assertThat(headers).containsOnly("ml");
    }

    @Test
    void serverErrorsAreRetryableAndClientErrorsAreNot() {
        status.set(503);
        assertThatThrownBy(() -> notifier().send(alert(AlertStatus.FIRING))).isInstanceOf(NotifyException.class)
                .satisfies(e -> assertThat(((NotifyException) e).retryable()).isTrue()).hasMessageContaining("503");
        status.set(400);
        assertThatThrownBy(() -> notifier().send(alert(AlertStatus.FIRING)))
                .satisfies(e -> assertThat(((NotifyException) e).retryable()).isFalse());
    }

    @Test
    void anUnreachableReceiverIsARetryableFailure() {
        server.stop(0);
        assertThatThrownBy(() -> notifier().send(alert(AlertStatus.FIRING)))
                .satisfies(e -> assertThat(((NotifyException) e).retryable()).isTrue());
    }

    @Test
    void fingerprintsAreStableAndLabelOrderFree() {
        assertThat(Alert.fingerprint(Map.of("a", "1", "b", "2"))).isEqualTo(Alert.fingerprint(Map.of("b", "2", "a", "1")))
                .isNotEqualTo(Alert.fingerprint(Map.of("a", "1", "b", "3"))).hasSize(16);
    }
}
