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
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Documents as Fluent Bit ships them to Elasticsearch (the parsed line under {@code log_processed}, the pod's
 * labels under {@code kubernetes.labels}) read through field paths, in pull and in pushdown mode: the same
 * verdict on every column, the model and version read from the labels.
 */
class EsFieldPathsTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MINUTES);

    @TempDir
    Path dir;

    private static Map<String, Object> doc(Instant at, String app, double x, String color) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("input", Map.of("x", x, "color", color));
        line.put("prediction", 1 / (1 + Math.exp(-x)));
        line.put("level", "info");
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("@timestamp", at.toString());
        d.put("log", Json.write(line));
        d.put("log_processed", line);
        d.put("kubernetes", Map.of("pod_name", app + "-7d9f", "labels", Map.of("app", app, "version", "3")));
        return d;
    }

    private static String model(String name, String mode) throws Exception {
        return """
                  - name: %s
                    source:
                      type: elasticsearch
                      hosts: [%s]
                      index: fluent-bit
                      model_value: churn
                      mode: %s
                      fields: {model: kubernetes.labels.app, version: kubernetes.labels.version,
                               input: log_processed.input, prediction: log_processed.prediction}
                    reference:
                      range: {from: "%s", to: "%s"}
                    features:
                      - {name: x, type: numeric}
                      - {name: color, type: categorical}
                    prediction: {type: numeric}
                    window: 1h
                    schedule: {interval: 1h}
                """.formatted(name, EsNode.get().url(), mode, NOW.minus(3, ChronoUnit.HOURS), NOW.minus(2, ChronoUnit.HOURS));
    }

    @Test
    void fluentBitDocumentsAreReadThroughFieldPathsAlikeInPullAndPushdown() throws Exception {
        EsPredictionIndex ix = new EsPredictionIndex(EsNode.get().url());
        ix.create("fluent-bit", "\"@timestamp\":{\"type\":\"date\"},\"log\":{\"type\":\"text\"},"
                + "\"log_processed\":{\"properties\":{\"input\":{\"properties\":{\"x\":{\"type\":\"double\"},"
                + "\"color\":{\"type\":\"keyword\"}}},\"prediction\":{\"type\":\"double\"},\"level\":{\"type\":\"keyword\"}}},"
                + "\"kubernetes\":{\"properties\":{\"pod_name\":{\"type\":\"keyword\"},\"labels\":{\"properties\":{"
                + "\"app\":{\"type\":\"keyword\"},\"version\":{\"type\":\"keyword\"}}}}}");
        Random r = new Random(5);
        String[] colors = {"red", "green", "blue"};
        for (int i = 0; i < 3000; i++) {
            ix.add("fluent-bit", doc(NOW.minus(3, ChronoUnit.HOURS).plusSeconds(i), "churn", r.nextGaussian(), colors[r.nextInt(3)]));
            ix.add("fluent-bit", doc(NOW.minus(50, ChronoUnit.MINUTES).plusMillis(i * 900L), "churn", r.nextGaussian() + 0.5,
                    colors[r.nextInt(3)]));
            ix.add("fluent-bit", doc(NOW.minus(50, ChronoUnit.MINUTES).plusMillis(i * 900L), "fraud", 9, "red"));
        }
        ix.flush();
        Fixtures.write(dir.resolve("rules/r.yaml"), "rules:\n  - {name: Shift, expr: psi > 0.25}\n");
        Fixtures.consoleRouting(dir.resolve("alerts/routing.yaml"));
        Path config = Fixtures.write(dir.resolve("driftwatch.yaml"), """
                store: {path: data/dw}
                http: {address: 127.0.0.1, port: 0}
                rules: [rules/*.yaml]
                alerts: alerts/routing.yaml
                models:
                """ + model("pull", "pull") + model("push", "pushdown"));
        Configuration c = new ConfigurationLoader(TestRegistry.standard()).load(config);
        try (Driftwatch d = Driftwatch.start(c, new PrintStream(PrintStream.nullOutputStream()), Clock.systemUTC())) {
            var pullRow = d.evaluateNow("pull");
            var pushRow = d.evaluateNow("push");
            JsonNode pull = Json.MAPPER.readTree(pullRow.report());
            JsonNode push = Json.MAPPER.readTree(pushRow.report());
            assertThat(pull.get("mode").asString()).isEqualTo("pull");
            assertThat(push.get("mode").asString()).isEqualTo("pushdown");
            assertThat(pullRow.records()).as("churn's 3,000 documents, not fraud's").isEqualTo(3000);
            assertThat(pullRow.version()).isEqualTo("3").isEqualTo(pushRow.version());
            for (String col : new String[] {"x", "color", "prediction"}) {
                assertThat(status(push, col)).as(col).isEqualTo(status(pull, col));
            }
            assertThat(status(pull, "x")).isEqualTo("drift");
            assertThat(status(pull, "color")).isEqualTo("ok");
        }
    }

    private static String status(JsonNode report, String column) {
        for (JsonNode c : report.get("columns")) {
            if (c.get("name").asString().equals(column)) {
                return c.get("status").asString();
            }
        }
        throw new AssertionError("no column " + column + " in " + report);
    }
}
