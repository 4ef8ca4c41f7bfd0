package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.support.ChildJvm;
import io.driftwatch.support.Fixtures;
import io.driftwatch.util.Json;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas on the real PostgreSQL each reload their own copy of the configuration (SIGHUP, a few
 * seconds apart, as a ConfigMap reaches pods): the model added is evaluated once per interval from then
 * on, none missed while the replica still on the old configuration takes fires (it leaves that model's to the
 * other), the removed one no more, and the unchanged ones keep one evaluation per interval across the reloads.
 */
class ClusterReloadIT {
    private static final String BASE = System.getenv().getOrDefault("DRIFTWATCH_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/driftwatch_test");
    private static final String SCHEMA = "cluster_reload";
    private static final String URL = BASE + "?currentSchema=" + SCHEMA;
    private static final Duration INTERVAL = Duration.ofSeconds(4);

    @TempDir
    Path dir;

    private static Connection db() throws Exception {
        return DriverManager.getConnection(URL, "driftwatch", "driftwatch");
    }

    private String model(String name) {
        Instant now = Instant.now();
        Random r = new Random(name.hashCode());
        List<String> ref = new ArrayList<>();
        List<String> logs = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("x", r.nextGaussian());
            ref.add(Json.write(Map.of("@timestamp", now.minus(Duration.ofDays(1)).plusMillis(i).toString(), "model", name,
                    "input", input)));
            logs.add(Json.write(Map.of("@timestamp", now.minusMillis(600 - i).toString(), "model", name, "input", input)));
        }
        Fixtures.writeLines(dir.resolve("reference/" + name + ".jsonl"), ref);
        Fixtures.writeLines(dir.resolve("logs/" + name + ".jsonl"), logs);
        return """
                  - name: %s
                    source: {path: logs/%s.jsonl}
                    reference: {file: reference/%s.jsonl}
                    features: [{name: x, type: numeric}]
                    window: 1h
                    schedule: {interval: 4s}
                """.formatted(name, name, name);
    }

    private Path config(List<String> models) {
        Fixtures.write(dir.resolve("rules/drift.yaml"), "rules:\n  - {name: Shift, expr: psi > 0.25}\n");
        Fixtures.consoleRouting(dir.resolve("alerts/routing.yaml"));
        StringBuilder blocks = new StringBuilder();
        models.forEach(m -> blocks.append(model(m)));
        return Fixtures.write(dir.resolve("driftwatch.yaml"), """
                store: {url: "%s", user: driftwatch, password_env: DW_TEST_PG_PASSWORD, checkin_interval: 1s}
                http: {address: 127.0.0.1, port: 0}
                rules: [rules/*.yaml]
                alerts: alerts/routing.yaml
                models:
                %s""".formatted(URL, blocks));
    }

    private static Map<String, List<Long>> windows() throws Exception {
        Map<String, List<Long>> out = new HashMap<>();
        try (Connection c = db(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT model, window_to FROM evaluation ORDER BY model, window_to")) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getLong(2));
            }
        }
        return out;
    }

    private static long windowsAfter(String model, long t) throws Exception {
        return windows().getOrDefault(model, List.of()).stream().filter(x -> x > t).count();
    }

    private static void reloaded(ChildJvm replica) {
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> replica.anyLine("configuration reloaded (sighup)"));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            List<String> err = replica.err();
            throw new AssertionError("no reload: " + String.join("\n", err.stream().filter(l -> l.contains("reload")
                    || l.contains("SIGHUP") || l.contains("\"WARN\"") || l.contains("\"ERROR\"")).toList()), e);
        }
    }

    @Test
    void eachReplicaReloadsItsCopyAndEvaluationsStayOncePerInterval() throws Exception {
        try (Connection c = DriverManager.getConnection(BASE, "driftwatch", "driftwatch"); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
        }
        Path config = config(List.of("a", "b", "gone"));
        List<ChildJvm> replicas = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                replicas.add(ChildJvm.start(dir, Map.of("DW_TEST_PG_PASSWORD", "driftwatch"), List.of(), "run", "--config",
                        config.toString()));
            }
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions() // the replicas create the schema as they start
                    .until(() -> windows().getOrDefault("a", List.of()).size() >= 3);
            config(List.of("a", "b", "added"));
            Instant reloaded = Instant.now();
            // the first replica reloads and evaluates the added model while the second still runs the old copy
            // (a ConfigMap reaches pods at different times); then the second reloads
            replicas.get(0).hangUp();
            reloaded(replicas.get(0));
            await().atMost(Duration.ofSeconds(60)).until(() -> windows().getOrDefault("added", List.of()).size() >= 2);
            replicas.get(1).hangUp();
            reloaded(replicas.get(1));
            Instant bothReloaded = Instant.now();
            await().atMost(Duration.ofSeconds(60)).until(() -> windows().getOrDefault("added", List.of()).size() >= 6);
            Map<String, List<Long>> w = windows();
            for (String m : List.of("a", "b", "added")) {
                List<Long> ends = w.get(m);
                for (int i = 1; i < ends.size(); i++) {
                    // no interval missed, also while only one replica knew the added model (it takes every fire)
                    assertThat(ends.get(i) - ends.get(i - 1)).as("%s: window %d", m, i)
                            .isGreaterThanOrEqualTo(INTERVAL.toMillis() / 2).isLessThanOrEqualTo(INTERVAL.toMillis() + 1000);
                }
            }
            assertThat(windowsAfter("gone", bothReloaded.toEpochMilli())).as("the removed model is not evaluated once "
                    + "both replicas reloaded, though " + (w.get("added").size()) + " windows of the added one were").isZero();
            assertThat(w.get("gone").get(0)).isLessThan(reloaded.toEpochMilli());
            for (ChildJvm r : replicas) {
                assertThat(r.terminate()).isIn(0, 143);
            }
        } finally {
            replicas.forEach(ChildJvm::close);
        }
    }
}
