package io.driftwatch.source.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The same window of a real Elasticsearch index evaluated in pull mode and in pushdown mode: the same
 * verdicts for every column and segment, exact PSI and chi-square, KS within its stated bound, the same
 * model quality (labels on documents and from a labels index) and the same shadow comparison, all
 * feeding the rules.
 */
class ElasticsearchPushdownTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    private static final int CURRENT = 6000;

    @TempDir
    static Path dir;

    @BeforeAll
    static void index() throws Exception {
        EsPredictionIndex ix = new EsPredictionIndex(EsNode.get().url());
        ix.create("preds", EsPredictionIndex.predictionMapping());
        ix.create("labels-preds", "\"@timestamp\":{\"type\":\"date\"},\"request_id\":{\"type\":\"keyword\"},"
                + "\"label\":{\"type\":\"double\"}");
        ix.requests("preds", "ref-", 4000, NOW.minus(3, ChronoUnit.HOURS), NOW.minus(2, ChronoUnit.HOURS), 0, false, 1);
        ix.requests("preds", "cur-", CURRENT, NOW.minus(50, ChronoUnit.MINUTES), NOW.minus(1, ChronoUnit.MINUTES), 0.6,
                true, 2);
        ix.flush();
    }

    private static String model(String name, String mode) throws Exception {
        return """
                  - name: %s
                    source:
                      type: elasticsearch
                      hosts: [%s]
                      index: preds
                      model_value: m
                      mode: %s
                      labels: {index: labels-preds}
                    reference:
                      range: {from: "%s", to: "%s"}
                    features:
                      - {name: x1, type: numeric}
                      - {name: x2, type: numeric}
                      - {name: color, type: categorical}
                      - {name: rating, type: numeric}
                    prediction: {name: score, type: numeric}
                    segments: {field: country, top: 2}
                    compare: {baseline: "1", candidate: "2", shadow: true}
                    window: 1h
                    schedule: {interval: 1h}
                """.formatted(name, EsNode.get().url(), mode, NOW.minus(3, ChronoUnit.HOURS),
                NOW.minus(2, ChronoUnit.HOURS));
    }

    private static Driftwatch start() throws Exception {
        Fixtures.write(dir.resolve("rules/r.yaml"), """
                rules:
                  - name: SegmentShift
                    expr: psi > 0.1
                    scope: [segment]
                    for: 1
                  - name: ShadowDisagreement
                    expr: comparison.mean_abs_diff > 0.02
                    for: 1
                  - name: WeakModel
                    expr: quality.roc_auc < 0.99
                    for: 1
                """);
        Fixtures.write(dir.resolve("alerts/routing.yaml"), """
                route: {receiver: file}
                receivers:
                  - name: file
                    console: {file: alerts.jsonl}
                """);
        Path config = Fixtures.write(dir.resolve("driftwatch.yaml"), """
                store: {path: data/dw}
                http: {address: 127.0.0.1, port: 0}
                rules: [rules/*.yaml]
                alerts: alerts/routing.yaml
                models:
                """ + model("m-pull", "pull") + model("m-push", "pushdown"));
        Configuration c = new ConfigurationLoader(TestRegistry.standard()).load(config);
        return Driftwatch.start(c, new PrintStream(PrintStream.nullOutputStream()), Clock.systemUTC());
    }

    @Test
    void pushdownAgreesWithPullOnEveryVerdict() throws Exception {
        JsonNode pull;
        JsonNode push;
        try (Driftwatch daemon = start()) {
            pull = Json.MAPPER.readTree(daemon.evaluateNow("m-pull").report());
            push = Json.MAPPER.readTree(daemon.evaluateNow("m-push").report());
        }
        assertThat(pull.get("mode").asString()).isEqualTo("pull");
        assertThat(push.get("mode").asString()).isEqualTo("pushdown");
        sameColumns(pull.get("columns"), push.get("columns"));
        assertThat(column(pull.get("columns"), "x1").get("status").asString()).isEqualTo("drift");
        assertThat(column(pull.get("columns"), "x2").get("status").asString()).isEqualTo("ok");

        assertThat(names(push.get("segments"))).containsExactlyInAnyOrder("US", "DE", "other");
        for (String s : List.of("US", "DE", "other")) {
            sameColumns(pull.get("segments").get(s).get("columns"), push.get("segments").get(s).get("columns"));
        }
        assertThat(column(push.get("segments").get("DE").get("columns"), "x1").get("status").asString()).isEqualTo("drift");
        assertThat(column(push.get("segments").get("US").get("columns"), "x1").get("status").asString()).isEqualTo("ok");
        assertThat(column(push.get("segments").get("other").get("columns"), "x1").get("status").asString())
                .isEqualTo("ok");

        JsonNode q = push.get("quality");
        assertThat(q.get("labelled").asLong()).isEqualTo(CURRENT).isEqualTo(pull.get("quality").get("labelled").asLong());
        assertThat(q.get("metrics").get("roc_auc").asDouble())
                .isCloseTo(pull.get("quality").get("metrics").get("roc_auc").asDouble(), within(1e-12))
                .isBetween(0.6, 0.95);

        JsonNode cp = push.get("comparison").get("metrics");
        assertThat(cp.get("pairs").asDouble()).isEqualTo(CURRENT * 3 / 4.0);
        assertThat(cp.get("mean_abs_diff").asDouble())
                .isCloseTo(pull.get("comparison").get("metrics").get("mean_abs_diff").asDouble(), within(1e-12))
                .isGreaterThan(0.05);
        assertThat(column(push.get("comparison").get("drift").get("columns"), "score").get("status").asString())
                .isEqualTo("drift");

        List<JsonNode> alerts = Files.readAllLines(dir.resolve("alerts/alerts.jsonl")).stream()
                .map(Json.MAPPER::readTree).toList();
        for (String m : List.of("m-pull", "m-push")) {
            assertThat(alerts).filteredOn(a -> a.get("labels").get("model").asString().equals(m))
                    .extracting(a -> a.get("labels").get("alertname").asString() + " "
                            + a.get("labels").path("feature").asString("") + " "
                            + a.get("labels").path("segment").asString("") + a.get("labels").path("comparison").asString(""))
                    .contains("SegmentShift x1 DE", "ShadowDisagreement  2 vs 1", "WeakModel  ")
                    .noneMatch(s -> s.startsWith("SegmentShift x1 US") || s.startsWith("SegmentShift x2"));
        }
    }

    private static void sameColumns(JsonNode pull, JsonNode push) {
        assertThat(pull.size()).isEqualTo(push.size());
        for (JsonNode p : pull) {
            String name = p.get("name").asString();
            JsonNode d = column(push, name);
            assertThat(d.get("status").asString()).as(name).isEqualTo(p.get("status").asString());
            assertThat(d.get("n_current").asLong()).as(name).isEqualTo(p.get("n_current").asLong());
            for (JsonNode t : p.get("tests")) {
                String test = t.get("test").asString();
                JsonNode u = test(d, test);
                double exact = t.get("statistic").asDouble();
                if (test.equals("ks")) {
                    assertThat(u.get("note").asString()).startsWith("approximate");
                    assertThat(exact).as(name + " ks").isBetween(u.get("statistic").asDouble() - 1e-12,
                            u.get("statistic").asDouble() + 0.02);
                } else {
                    assertThat(u.get("statistic").asDouble()).as(name + " " + test).isCloseTo(exact, within(1e-9));
                }
            }
        }
    }

    private static JsonNode column(JsonNode columns, String name) {
        return StreamSupport.stream(columns.spliterator(), false).filter(c -> c.get("name").asString().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no column " + name + " in " + columns));
    }

    private static JsonNode test(JsonNode column, String test) {
        return StreamSupport.stream(column.get("tests").spliterator(), false)
                .filter(t -> t.get("test").asString().equals(test)).findFirst().orElseThrow();
    }

    private static List<String> names(JsonNode obj) {
        return obj.propertyNames().stream().toList();
    }

}
