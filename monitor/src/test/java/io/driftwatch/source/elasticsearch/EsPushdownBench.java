package io.driftwatch.source.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.app.Configuration;
import io.driftwatch.app.ConfigurationLoader;
import io.driftwatch.app.Driftwatch;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.support.EsNode;
import io.driftwatch.support.Fixtures;
import io.driftwatch.util.Json;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code bench/run es-pushdown}: 1,000,000 prediction documents with 20 features in the test node (5 of
 * them drifted), one evaluation in pull mode and one in pushdown mode side by side, after one warm-up
 * evaluation each (which also fits and stores both references). Writes the headline to {@code bench.out}.
 */
@Tag("bench")
class EsPushdownBench {
    private static final int FEATURES = 20;
    private static final int DRIFTED = 5;
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MINUTES);

    @TempDir
    Path dir;

    @Test
    void pullVersusPushdown() throws Exception {
        int docs = Integer.getInteger("bench.docs", 1_000_000);
        index(docs);
        try (Driftwatch daemon = start()) {
            daemon.evaluateNow("pull");
            daemon.evaluateNow("push");
            long t0 = System.nanoTime();
            JsonNode pull = Json.MAPPER.readTree(daemon.evaluateNow("pull").report());
            long t1 = System.nanoTime();
            JsonNode push = Json.MAPPER.readTree(daemon.evaluateNow("push").report());
            long t2 = System.nanoTime();
            int same = 0;
            for (int i = 0; i < FEATURES; i++) {
                String a = status(pull, "f" + i);
                String b = status(push, "f" + i);
                assertThat(a).as("f" + i).isEqualTo(i < DRIFTED ? "drift" : "ok");
                same += a.equals(b) ? 1 : 0;
            }
            double p = (t1 - t0) / 1e9;
            double d = (t2 - t1) / 1e9;
            String line = String.format(Locale.ROOT, "%,d docs x %d features: pull %.2f s, pushdown %.3f s, "
                    + "speedup %.1fx, same verdict on %d/%d features", docs, FEATURES, p, d, p / d, same, FEATURES);
            Files.writeString(Path.of(System.getProperty("bench.out")), line + "\n");
            assertThat(same).isEqualTo(FEATURES);
        }
    }

    private static String status(JsonNode report, String name) {
        for (JsonNode c : report.get("columns")) {
            if (c.get("name").asString().equals(name)) {
                return c.get("status").asString();
            }
        }
        throw new AssertionError("no column " + name);
    }

    private void index(int docs) throws Exception {
        EsPredictionIndex ix = new EsPredictionIndex(EsNode.get().url());
        StringBuilder props = new StringBuilder();
        for (int i = 0; i < FEATURES; i++) {
            props.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":{\"type\":\"double\"}");
        }
        ix.create("bench", "\"@timestamp\":{\"type\":\"date\"},\"model\":{\"type\":\"keyword\"},"
                + "\"model_version\":{\"type\":\"keyword\"},\"input\":{\"properties\":{" + props + "}}");
        write(ix, docs / 10, NOW.minus(3, ChronoUnit.HOURS), 0, 1);
        write(ix, docs, NOW.minus(55, ChronoUnit.MINUTES), 0.3, 2);
        ix.flush();
    }

    private static void write(EsPredictionIndex ix, int n, Instant from, double shift, long seed) throws Exception {
        Random r = new Random(seed);
        long spanMs = 50L * 60 * 1000;
        for (int i = 0; i < n; i++) {
            StringBuilder doc = new StringBuilder(600);
            doc.append("{\"@timestamp\":\"").append(from.plusMillis(spanMs * i / n))
                    .append("\",\"model\":\"m\",\"model_version\":\"1\",\"input\":{");
            for (int f = 0; f < FEATURES; f++) {
                double v = r.nextGaussian() + (f < DRIFTED ? shift : 0);
                doc.append(f == 0 ? "" : ",").append("\"f").append(f).append("\":").append(v);
            }
            ix.raw("bench", doc.append("}}").toString());
        }
    }

    private Driftwatch start() throws Exception {
        Fixtures.write(dir.resolve("rules/r.yaml"), "rules: []\n");
        Fixtures.write(dir.resolve("alerts/routing.yaml"), "route: {receiver: file}\nreceivers:\n  - name: file\n"
                + "    console: {file: alerts.jsonl}\n");
        StringBuilder models = new StringBuilder();
        for (String mode : new String[] {"pull", "pushdown"}) {
            models.append("  - name: ").append(mode.equals("pull") ? "pull" : "push").append('\n')
                    .append("    source: {type: elasticsearch, hosts: [").append(EsNode.get().url())
                    .append("], index: bench, model_value: m, mode: ").append(mode)
                    .append(", batch_size: 10000, timeout: 120s}\n")
                    .append("    reference: {range: {from: \"").append(NOW.minus(3, ChronoUnit.HOURS))
                    .append("\", to: \"").append(NOW.minus(2, ChronoUnit.HOURS)).append("\"}}\n")
                    .append("    window: 1h\n    schedule: {interval: 24h}\n    features:\n");
            for (int i = 0; i < FEATURES; i++) {
                models.append("      - {name: f").append(i).append(", type: numeric}\n");
            }
        }
        Path config = Fixtures.write(dir.resolve("driftwatch.yaml"), "store: {path: data/dw}\n"
                + "http: {address: 127.0.0.1, port: 0}\nrules: [rules/*.yaml]\nalerts: alerts/routing.yaml\nmodels:\n"
                + models);
        Configuration c = new ConfigurationLoader(TestRegistry.standard()).load(config);
        return Driftwatch.start(c, new PrintStream(PrintStream.nullOutputStream()), Clock.systemUTC());
    }
}
