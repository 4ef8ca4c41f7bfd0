package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.driftwatch.support.ChildJvm;
import io.driftwatch.support.Fixtures;
import io.driftwatch.util.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Three daemon processes on one real PostgreSQL watch 20 models and notify two webhook receivers, while
 * the test SIGKILLs a random replica ten times and restarts it. Half the models drift on and off, so
 * alerts fire and resolve throughout. Afterwards: every model evaluated in every interval (no gap over
 * two intervals, no window evaluated twice), every alert event delivered to each receiver under exactly
 * one idempotency key (a resend, only after a kill, carries that key), and nothing left undelivered.
 */
class ClusterProcessIT {
    private static final String BASE = System.getenv().getOrDefault("DRIFTWATCH_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/driftwatch_test");
    private static final String SCHEMA = "cluster_proc";
    private static final String URL = BASE + "?currentSchema=" + SCHEMA;
    private static final int MODELS = 20;
    private static final int KILLS = 10;
    private static final Duration INTERVAL = Duration.ofSeconds(15);
    /** Quartz re-runs a dead replica's jobs after about 2 × checkin_interval (1 s here) + 7.5 s. */
    private static final Duration TAKEOVER = Duration.ofMillis(2 * 1000 + 7500);
    private static final Pattern API = Pattern.compile("API at (http://127\\.0\\.0\\.1:\\d+)");

    @TempDir
    Path dir;

    private HttpServer server;
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
    private final Random random = new Random();
    /** Per receiver: every request's idempotency key and the alert events it carried. */
    private final Map<String, List<Map.Entry<String, List<String>>>> received = new ConcurrentHashMap<>();
    private final List<ChildJvm> replicas = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        try (Connection c = DriverManager.getConnection(BASE, "driftwatch", "driftwatch"); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        for (String hook : List.of("a", "b")) {
            received.put(hook, new CopyOnWriteArrayList<>());
            server.createContext("/" + hook, ex -> {
                JsonNode body = Json.MAPPER.readTree(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                List<String> events = new ArrayList<>();
                body.get("alerts").forEach(a -> events.add(event(a.get("fingerprint").asString(),
                        a.get("status").asString(), a.get("startsAt").asString())));
                received.get(hook).add(Map.entry(ex.getRequestHeaders().getFirst("Idempotency-Key"), events));
                ex.sendResponseHeaders(200, -1);
                ex.close();
            });
        }
        server.start();
    }

    @AfterEach
    void tearDown() {
        writer.shutdownNow();
        replicas.forEach(ChildJvm::close);
        server.stop(0);
    }

    private static String event(String fingerprint, String status, String startsAt) {
        return fingerprint + "|" + status.toLowerCase(java.util.Locale.ROOT) + "|" + Instant.parse(startsAt).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    @Test
    void threeReplicasKilledTenTimesEvaluateEveryIntervalOnceAndDeliverEveryAlertOnce() throws Exception {
        Path config = config();
        writer.scheduleAtFixedRate(this::appendRecords, 0, 200, TimeUnit.MILLISECONDS);
        for (int i = 0; i < 3; i++) {
            replicas.add(start(config));
        }
        String api = apiOf(replicas.get(0));
        await().atMost(Duration.ofSeconds(60)).until(() -> aliveMembers(api) == 3);
        await().atMost(Duration.ofSeconds(60)).until(() -> evaluations() >= MODELS);
        Instant killedAt = Instant.EPOCH;
        for (int kill = 0; kill < KILLS; kill++) {
            long before = evaluations();
            Instant previous = killedAt;
            // each kill one failure to take over: after 5 evaluations, and no sooner than the take-over time
            // after the last kill (two kills within it would stack their take-overs on the same job)
            await().atMost(Duration.ofSeconds(60)).until(() -> evaluations() >= before + 5
                    && Instant.now().isAfter(previous.plus(TAKEOVER)));
            killedAt = Instant.now();
            int victim = random.nextInt(replicas.size());
            replicas.get(victim).kill();
            replicas.set(victim, start(config));
        }
        Instant lastKill = Instant.now();
        await().atMost(Duration.ofSeconds(120)).until(() -> everyModelEvaluatedAfter(lastKill.plus(INTERVAL.multipliedBy(2))));
        writer.shutdownNow();
        await().atMost(Duration.ofSeconds(60)).until(() -> undelivered() == 0);
        for (ChildJvm r : replicas) {
            assertThat(r.terminate()).isIn(0, 143);
        }
        assertEveryIntervalEvaluatedOnce();
        assertEveryAlertDeliveredOnceToEach();
    }

    private ChildJvm start(Path config) throws IOException {
        ChildJvm child = ChildJvm.start(dir, Map.of("DW_TEST_PG_PASSWORD", "driftwatch"), List.of(), "run",
                "--config", config.toString());
        await().atMost(Duration.ofSeconds(60)).until(() -> apiOf(child) != null || !child.isAlive());
        assertThat(child.isAlive()).as("replica started; stderr: %s", child.err()).isTrue();
        return child;
    }

    private static String apiOf(ChildJvm child) {
        for (List<String> lines : List.of(child.out(), child.err())) {
            for (String l : lines) {
                Matcher m = API.matcher(l);
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        return null;
    }

    private static long aliveMembers(String api) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api + "/api/v1/cluster"))
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = Json.MAPPER.readTree(r.body());
        long alive = 0;
        for (JsonNode m : body.get("members")) {
            alive += m.get("alive").asBoolean() ? 1 : 0;
        }
        return alive;
    }

    private Path config() {
        String hooks = "http://127.0.0.1:" + server.getAddress().getPort();
        Fixtures.write(dir.resolve("rules/drift.yaml"), """
                rules:
                  - name: Shift
                    expr: psi > 0.25
                    for: 1
                """);
        Fixtures.write(dir.resolve("alerts/routing.yaml"), """
                route:
                  receiver: a
                  group_by: [alertname, model, feature]
                  group_wait: 0s
                  group_interval: 1s
                  repeat_interval: 24h
                  routes:
                    - {receiver: a, continue: true}
                    - {receiver: b}
                receivers:
                  - name: a
                    webhook: {url: %s/a}
                  - name: b
                    webhook: {url: %s/b}
                delivery: {initial_backoff: 100ms, max_backoff: 1s}
                """.formatted(hooks, hooks));
        StringBuilder models = new StringBuilder();
        Instant yesterday = Instant.now().minus(Duration.ofDays(1));
        for (int m = 0; m < MODELS; m++) {
            List<String> ref = new ArrayList<>();
            Random r = new Random(m);
            for (int i = 0; i < 1000; i++) {
                ref.add(line(name(m), yesterday.plusMillis(i), r.nextGaussian(), r.nextGaussian()));
            }
            Fixtures.writeLines(dir.resolve("reference/" + name(m) + ".jsonl"), ref);
            Fixtures.writeLines(dir.resolve("logs/" + name(m) + ".jsonl"), List.of());
            models.append("""
                      - name: %s
                        source: {path: logs/%s.jsonl}
                        reference: {file: reference/%s.jsonl}
                        features: [{name: f0, type: numeric}, {name: f1, type: numeric}]
                        window: 15s
                        schedule: {interval: 15s}
                    """.formatted(name(m), name(m), name(m)));
        }
        return Fixtures.write(dir.resolve("driftwatch.yaml"), """
                store: {url: "%s", user: driftwatch, password_env: DW_TEST_PG_PASSWORD, checkin_interval: 1s}
                http: {address: 127.0.0.1, port: 0}
                rules: [rules/*.yaml]
                alerts: alerts/routing.yaml
                models:
                %s""".formatted(URL, models));
    }

    private static String name(int m) {
        return "m%02d".formatted(m);
    }

    private static String line(String model, Instant t, double f0, double f1) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("f0", f0);
        input.put("f1", f1);
        return Json.write(Map.of("@timestamp", t.toString(), "model", model, "model_version", "1", "input", input));
    }

    /** Four records per model every 200 ms; odd models shift by 2σ for 30 s out of every 60 s. */
    private void appendRecords() {
        Instant now = Instant.now();
        Random r = new Random();
        for (int m = 0; m < MODELS; m++) {
            boolean shifted = m % 2 == 1 && ((now.getEpochSecond() + 7L * m) / 30) % 2 == 1;
            double shift = shifted ? 2.0 : 0.0;
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                out.append(line(name(m), now, r.nextGaussian() + shift, r.nextGaussian() + shift)).append('\n');
            }
            try {
                Files.writeString(dir.resolve("logs/" + name(m) + ".jsonl"), out, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static Connection db() throws Exception {
        return DriverManager.getConnection(URL, "driftwatch", "driftwatch");
    }

    private static long count(String sql) throws Exception {
        try (Connection c = db(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long evaluations() throws Exception {
        return count("SELECT COUNT(*) FROM evaluation");
    }

    private static long undelivered() throws Exception {
        return count("SELECT (SELECT COUNT(*) FROM outbox_message WHERE state <> 'SENT') "
                + "+ (SELECT COUNT(*) FROM outbox_item WHERE message_id IS NULL)");
    }

    private static boolean everyModelEvaluatedAfter(Instant t) throws Exception {
        return count("SELECT COUNT(DISTINCT model) FROM evaluation WHERE window_to > " + t.toEpochMilli()) == MODELS;
    }

    private static void assertEveryIntervalEvaluatedOnce() throws Exception {
        Map<String, List<Long>> windows = new HashMap<>();
        try (Connection c = db(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT model, window_to FROM evaluation ORDER BY model, window_to")) {
            while (rs.next()) {
                windows.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getLong(2));
            }
        }
        assertThat(windows).hasSize(MODELS);
        long max = 0;
        for (Map.Entry<String, List<Long>> e : windows.entrySet()) {
            List<Long> ends = e.getValue();
            for (int i = 1; i < ends.size(); i++) {
                long step = ends.get(i) - ends.get(i - 1);
                max = Math.max(max, step);
                assertThat(step).as("%s: window %d ends %d ms after the previous one", e.getKey(), i, step)
                        .isGreaterThanOrEqualTo(INTERVAL.toMillis() / 2)
                        .isLessThanOrEqualTo(INTERVAL.toMillis() * 2);
            }
        }
        System.out.println("cluster test: longest time between two evaluations of a model: " + max + " ms");
    }

    private void assertEveryAlertDeliveredOnceToEach() throws Exception {
        Set<String> stored = new HashSet<>();
        try (Connection c = db(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT fingerprint, status, starts_at FROM alert")) {
            while (rs.next()) {
                stored.add(event(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)).toString()));
            }
        }
        assertThat(stored.stream().filter(e -> e.contains("|firing|")).count()).as("alerts fired during the run")
                .isGreaterThanOrEqualTo(MODELS / 2);
        for (String hook : List.of("a", "b")) {
            Map<String, List<String>> byKey = new HashMap<>();
            Map<String, String> keyOfEvent = new HashMap<>();
            for (Map.Entry<String, List<String>> request : received.get(hook)) {
                List<String> first = byKey.putIfAbsent(request.getKey(), request.getValue());
                assertThat(first == null ? request.getValue() : first).as("a resend carries the same alerts")
                        .isEqualTo(request.getValue());
                for (String ev : request.getValue()) {
                    String other = keyOfEvent.putIfAbsent(ev, request.getKey());
                    assertThat(other == null ? request.getKey() : other).as("%s: %s under one key", hook, ev)
                            .isEqualTo(request.getKey());
                }
            }
            assertThat(keyOfEvent.keySet()).as("receiver %s got every stored alert event", hook).isEqualTo(stored);
            int resends = received.get(hook).size() - byKey.size();
            assertThat(resends).as("resends happen only after a kill").isLessThanOrEqualTo(KILLS);
            System.out.printf("cluster test: receiver %s: %d alert events, %d requests, %d resends after %d kills%n",
                    hook, stored.size(), received.get(hook).size(), resends, KILLS);
        }
    }
}
