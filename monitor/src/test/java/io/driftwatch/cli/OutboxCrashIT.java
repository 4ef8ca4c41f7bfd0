package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.driftwatch.config.StoreConfig;
import io.driftwatch.store.Database;
import io.driftwatch.support.ChildJvm;
import io.driftwatch.support.Fixtures;
import io.driftwatch.util.Json;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Kills the daemon with SIGKILL while notifications are in flight (the receivers hold back their answers
 * after a random number of them), several times, and
 * restarts it; then counts what each receiver saw: every alert delivered, none lost, and none delivered
 * twice under different idempotency keys (a resend after a crash carries the same key, which the
 * receiver deduplicates, as webhook receivers do).
 */
class OutboxCrashIT {
    private static final int FEATURES = 24;

    @TempDir
    Path dir;

    private HttpServer server;
    /** How many requests the receivers may still answer; the others wait, in flight. */
    private volatile Semaphore gate = new Semaphore(0);
    /** Per receiver path: every request's idempotency key and the alerts it carried. */
    private final Map<String, List<Map.Entry<String, List<String>>>> received = new ConcurrentHashMap<>();

    @BeforeEach
    void receivers() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        for (String hook : List.of("a", "b")) {
            received.put(hook, new CopyOnWriteArrayList<>());
            server.createContext("/" + hook, ex -> {
                JsonNode body = Json.MAPPER.readTree(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                List<String> alerts = new ArrayList<>();
                body.get("alerts").forEach(a -> alerts.add(a.get("labels").get("feature").asString() + ":"
                        + a.get("status").asString()));
                received.get(hook).add(Map.entry(ex.getRequestHeaders().getFirst("Idempotency-Key"), alerts));
                try {
                    // answered only as the gate lets it: the rest stay in flight until the daemon is killed
                    if (!gate.tryAcquire(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("a request waited a minute for its answer");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ex.sendResponseHeaders(200, -1);
                ex.close();
            });
        }
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Path config() throws Exception {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        Fixtures.write(dir.resolve("rules/drift.yaml"), """
                rules:
                  - name: Shift
                    expr: psi > 0.25
                    for: 1
                """);
        Fixtures.write(dir.resolve("alerts/routing.yaml"), """
                route:
                  receiver: a
                  routes:
                    - {receiver: a, continue: true}
                    - {receiver: b}
                receivers:
                  - name: a
                    webhook: {url: %s/a}
                  - name: b
                    webhook: {url: %s/b}
                delivery: {initial_backoff: 100ms, max_backoff: 1s}
                """.formatted(base, base));
        StringBuilder features = new StringBuilder();
        for (int i = 0; i < FEATURES; i++) {
            features.append("      - {name: f").append(i).append(", type: numeric}\n");
        }
        Instant now = Instant.now();
        Fixtures.writeLines(dir.resolve("reference/m.jsonl"), lines(2000, 0, now.minusSeconds(86_400), 1));
        Fixtures.writeLines(dir.resolve("logs/m.jsonl"), lines(2000, 1.0, now, 2));
        return Fixtures.write(dir.resolve("driftwatch.yaml"), """
                store: {path: data/dw}
                http: {address: 127.0.0.1, port: 0}
                rules: [rules/*.yaml]
                alerts: alerts/routing.yaml
                models:
                  - name: m
                    source: {path: logs/m.jsonl*}
                    reference: {file: reference/m.jsonl}
                    features:
                %s    window: 2h
                    schedule: {interval: 1h}
                """.formatted(features));
    }

    private static List<String> lines(int n, double shift, Instant end, long seed) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> input = new LinkedHashMap<>();
            for (int f = 0; f < FEATURES; f++) {
                input.put("f" + f, r.nextGaussian() + shift);
            }
            out.add(Json.write(Map.of("@timestamp", end.minusMillis(n - i).toString(), "model", "m",
                    "model_version", "1", "input", input)));
        }
        return out;
    }

    private int total() {
        return received.values().stream().mapToInt(List::size).sum();
    }

    @Test
    void sigkillAtRandomPointsLosesAndDuplicatesNothing() throws Exception {
        Path config = config();
        Random random = new Random();
        for (int round = 0; round < 3; round++) {
            int seen = total();
            int answers = random.nextInt(8);
            gate = new Semaphore(answers);
            try (ChildJvm child = ChildJvm.start(dir, List.of(), "run", "--config", config.toString())) {
                // one request more than may be answered has arrived: it is in flight, unanswered
                await().atMost(Duration.ofSeconds(90)).until(() -> total() >= seen + answers + 1 || !child.isAlive());
                child.kill();
            }
            gate.release(1_000); // lets the handlers of the dead daemon's requests return
        }
        gate = new Semaphore(100_000);
        assertThat(delivered("a").size() + delivered("b").size()).as("the kills left deliveries to do")
                .isLessThan(2 * FEATURES);
        try (ChildJvm last = ChildJvm.start(dir, List.of(), "run", "--config", config.toString())) {
            await().atMost(Duration.ofSeconds(120)).until(() -> delivered("a").size() == FEATURES
                    && delivered("b").size() == FEATURES);
            assertThat(last.terminate()).isIn(0, 143);
        }
        try (Database db = Database.open(new StoreConfig("jdbc:h2:file:" + dir.resolve("data/dw")
                + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "")); var c = db.connection(); Statement s = c.createStatement()) {
            for (String hook : List.of("a", "b")) {
                Set<String> sentKeys = new HashSet<>();
                try (ResultSet rs = s.executeQuery("SELECT idempotency_key, state FROM outbox_message WHERE receiver = '"
                        + hook + "'")) {
                    while (rs.next()) {
                        assertThat(rs.getString(2)).isEqualTo("SENT");
                        sentKeys.add(rs.getString(1));
                    }
                }
                Map<String, List<String>> byKey = new HashMap<>();
                received.get(hook).forEach(e -> byKey.put(e.getKey(), e.getValue()));
                assertThat(byKey.keySet()).as("receiver %s saw exactly the stored notifications", hook)
                        .isEqualTo(sentKeys);
                List<String> alerts = byKey.values().stream().flatMap(List::stream).toList();
                assertThat(alerts).as("every alert once, under one key").hasSize(FEATURES).doesNotHaveDuplicates()
                        .allMatch(a -> a.endsWith(":firing"));
                received.get(hook).forEach(e -> assertThat(e.getValue()).as("a resend carries the same alerts")
                        .isEqualTo(byKey.get(e.getKey())));
            }
        }
    }

    private Set<String> delivered(String hook) {
        Set<String> alerts = new HashSet<>();
        received.get(hook).forEach(e -> alerts.addAll(e.getValue()));
        return alerts;
    }
}
