package io.driftwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.driftwatch.alert.notify.HttpPost;
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
    private final List<String> keys = new CopyOnWriteArrayList<>();
    private final List<String> signatures = new CopyOnWriteArrayList<>();
    private final List<String> raw = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.CountDownLatch stalled = new java.util.concurrent.CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            raw.add(body);
            bodies.add(Json.MAPPER.readTree(body));
            headers.add(ex.getRequestHeaders().getFirst("X-Team"));
            keys.add(ex.getRequestHeaders().getFirst("Idempotency-Key"));
            signatures.add(String.valueOf(ex.getRequestHeaders().getFirst(WebhookNotifier.SIGNATURE)));
            if (status.get() == 429) {
                ex.getResponseHeaders().add("Retry-After", "7");
            }
            ex.sendResponseHeaders(status.get(), -1);
            ex.close();
        });
        server.createContext("/stall", ex -> {
            ex.sendResponseHeaders(200, 1000); // the headers, then a body that never comes
            ex.getResponseBody().write('{');
            ex.getResponseBody().flush();
            try {
                stalled.await(60, java.util.concurrent.TimeUnit.SECONDS); // stalls until the test ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        server.start();
    }

    private WebhookNotifier notifier(String path, Duration timeout) {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + path;
        return new WebhookNotifier(new io.driftwatch.alert.notify.webhook.WebhookConfig("hook", url, timeout, Map.of(),
                true, null), "http://driftwatch:8080", new HttpPost(HttpClient.newHttpClient()));
    }

    /** A secret in the receiver URL's query never reaches an error (dead letters, API, console, log). */
    @Test
    void aSecretInTheUrlIsRedactedFromErrors() {
        status.set(500);
        WebhookNotifier n = notifier("/hook?api_key=s3cr3t-value&x=1", Duration.ofSeconds(5));
        assertThatThrownBy(() -> n.send(one(alert(AlertStatus.FIRING)))).isInstanceOf(NotifyException.class)
                .hasMessageContaining("/hook").hasMessageContaining("500").hasMessageNotContaining("s3cr3t")
                .hasMessageNotContaining("api_key");
    }

    /** A receiver that sends its headers and stalls is given up at the receiver's timeout, and retried. */
    @Test
    void aDeadlineCoversTheWholeExchange() {
        WebhookNotifier n = notifier("/stall", Duration.ofMillis(800));
        assertThatThrownBy(() -> n.send(one(alert(AlertStatus.FIRING)))).isInstanceOf(NotifyException.class)
                .hasMessageContaining("no complete answer within 800 ms")
                .satisfies(e -> assertThat(((NotifyException) e).retryable()).isTrue());
    }

    @AfterEach
    void stop() {
        stalled.countDown();
        server.stop(0);
    }

    private WebhookNotifier notifier() {
        return notifier(null);
    }

    private WebhookNotifier notifier(String hmacEnv) {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        return new WebhookNotifier(new io.driftwatch.alert.notify.webhook.WebhookConfig("hook", url, Duration.ofSeconds(5), Map.of("X-Team", "ml"),
                true, hmacEnv), "http://driftwatch:8080", new HttpPost(HttpClient.newHttpClient()));
    }

    static Notification one(Alert a, String key) {
        return new Notification(1, "hook", "0:{}", Map.of("alertname", a.label("alertname")), List.of(a), key, 0, null);
    }

    private static Notification one(Alert a) {
        return one(a, "dw-key-" + a.status().label());
    }

    private static Alert alert(AlertStatus status) {
        Map<String, String> labels = Map.of("alertname", "XShift", "model", "m", "feature", "x", "severity", "critical");
        Instant start = Instant.parse("2026-11-28T10:00:00Z");
        return new Alert(Alert.fingerprint(labels), labels, Map.of("summary", "PSI high"), status, start,
                status == AlertStatus.RESOLVED ? start.plusSeconds(600) : null, 0.4, "http://driftwatch:8080/x");
    }

    @Test
    void postsAlertmanagerWebhookPayload() throws Exception {
        notifier().send(one(alert(AlertStatus.FIRING)));
        notifier().send(one(alert(AlertStatus.RESOLVED)));
        assertThat(bodies).hasSize(2);
        assertThat(keys).containsExactly("dw-key-firing", "dw-key-resolved");
        assertThat(signatures).containsOnly("null");
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
        assertThatThrownBy(() -> notifier().send(one(alert(AlertStatus.FIRING)))).isInstanceOf(NotifyException.class)
                .satisfies(e -> assertThat(((NotifyException) e).retryable()).isTrue()).hasMessageContaining("503");
        status.set(400);
        assertThatThrownBy(() -> notifier().send(one(alert(AlertStatus.FIRING))))
                .satisfies(e -> assertThat(((NotifyException) e).retryable()).isFalse());
    }

    @Test
    void aSignedWebhookCarriesTheHmacOfItsBody() throws Exception {
        notifier("DRIFTWATCH_TEST_WEBHOOK_SECRET").send(one(alert(AlertStatus.FIRING)));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("whsec-for-tests".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = java.util.HexFormat.of().formatHex(mac.doFinal(raw.get(0).getBytes(StandardCharsets.UTF_8)));
        assertThat(signatures).containsExactly("sha256=" + expected);
        assertThatThrownBy(() -> notifier("DRIFTWATCH_NO_SUCH_SECRET").send(one(alert(AlertStatus.FIRING))))
                .hasMessageContaining("DRIFTWATCH_NO_SUCH_SECRET")
                .satisfies(e -> assertThat(((NotifyException) e).retryable()).isFalse());
    }

    @Test
    void aTooManyRequestsAnswerIsRetryableAfterItsRetryAfter() {
        status.set(429);
        assertThatThrownBy(() -> notifier().send(one(alert(AlertStatus.FIRING))))
                .satisfies(e -> assertThat(((NotifyException) e).retryable()).isTrue())
                .satisfies(e -> assertThat(((NotifyException) e).retryAfter()).isEqualTo(Duration.ofSeconds(7)));
    }

    @Test
    void anUnreachableReceiverIsARetryableFailure() {
        server.stop(0);
        assertThatThrownBy(() -> notifier().send(one(alert(AlertStatus.FIRING))))
                .satisfies(e -> assertThat(((NotifyException) e).retryable()).isTrue());
    }

    @Test
    void fingerprintsAreStableAndLabelOrderFree() {
        assertThat(Alert.fingerprint(Map.of("a", "1", "b", "2"))).isEqualTo(Alert.fingerprint(Map.of("b", "2", "a", "1")))
                .isNotEqualTo(Alert.fingerprint(Map.of("a", "1", "b", "3"))).hasSize(16);
    }
}
