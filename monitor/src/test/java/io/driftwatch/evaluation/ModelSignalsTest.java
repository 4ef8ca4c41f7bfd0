package io.driftwatch.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.alert.AlertStore;
import io.driftwatch.support.Fixtures;
import io.driftwatch.support.ManualClock;
import io.driftwatch.util.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The model-level signals in the evaluation: a window whose two features flip their correlation (each
 * alone unchanged) is multivariate drift and fires its rule while no feature drifts; the estimated
 * performance carries its band and, where the window has labels, the realized value.
 */
class ModelSignalsTest {
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    @TempDir
    Path dir;

    /** x2 follows x1 with correlation rho; the score ranks by x1 and the label follows it. */
    private static List<String> lines(int n, double rho, Instant end, long seed, boolean labelled) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x1 = r.nextGaussian();
            double x2 = rho * x1 + Math.sqrt(1 - rho * rho) * r.nextGaussian();
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("@timestamp", end.minusMillis(n - i).toString());
            doc.put("model", "m");
            doc.put("model_version", "7");
            doc.put("input", Map.of("x1", x1, "x2", x2));
            doc.put("prediction", 1 / (1 + Math.exp(-1.5 * x1)));
            if (labelled) {
                doc.put("label", r.nextDouble() < 1 / (1 + Math.exp(-2 * x1)) ? 1 : 0);
            }
            out.add(Json.write(doc));
        }
        return out;
    }

    private Path config() {
        Fixtures.write(dir.resolve("rules/signals.yaml"), """
                rules:
                  - {name: Multivariate, expr: multivariate.z > 3, for: 1}
                  - {name: EstimatedAucLow, expr: estimated.roc_auc < 0.5, for: 1}
                """);
        Fixtures.consoleRouting(dir.resolve("alerts/routing.yaml"));
        return Fixtures.write(dir.resolve("driftwatch.yaml"), """
                store: {path: data/dw}
                http: {address: 127.0.0.1, port: 0}
                rules: [rules/*.yaml]
                alerts: alerts/routing.yaml
                models:
                  - name: m
                    source: {path: logs/m.jsonl}
                    reference: {file: reference/m.jsonl}
                    features: [{name: x1, type: numeric}, {name: x2, type: numeric}]
                    prediction: {field: prediction, type: numeric}
                    window: 1h
                    multivariate: {variance: 0.65}
                    estimated: {threshold: 0.5, min_calibration: 1000}
                """);
    }

    @Test
    void aFlippedCorrelationFiresTheMultivariateRuleWhileNoFeatureDrifts() throws Exception {
        Path config = config();
        Fixtures.writeLines(dir.resolve("reference/m.jsonl"), lines(4000, 0.9, T0.minus(Duration.ofDays(1)), 1, true));
        Fixtures.writeLines(dir.resolve("logs/m.jsonl"), lines(600, 0.9, T0, 2, true));
        ManualClock clock = new ManualClock(T0);
        try (CycleHarness h = new CycleHarness(dir, config, clock)) {
            JsonNode quiet = Json.MAPPER.readTree(h.cycle.run().report());
            assertThat(Math.abs(quiet.get("multivariate").get("z").asDouble())).isLessThan(3);
            JsonNode auc = quiet.get("estimated").get("roc_auc");
            assertThat(auc.get("realized").asDouble()).isBetween(auc.get("lower").asDouble(), auc.get("upper").asDouble());
            assertThat(h.metrics.estimated.labelValues("m", "roc_auc", "estimate").get()).isEqualTo(auc.get("value").asDouble());

            clock.advance(Duration.ofHours(2));
            Fixtures.writeLines(dir.resolve("logs/m.jsonl"), lines(600, -0.9, clock.instant(), 3, false));
            EvaluationRow flipped = h.cycle.run();
            JsonNode report = Json.MAPPER.readTree(flipped.report());
            assertThat(flipped.verdict()).as("no feature drifts on its own").isEqualTo("OK");
            assertThat(report.get("multivariate").get("z").asDouble()).isGreaterThan(10);
            assertThat(report.get("estimated").get("roc_auc").has("realized")).as("no labels in this window").isFalse();
            assertThat(new AlertStore(h.db).firing()).extracting(a -> a.labels().get("alertname")).containsExactly("Multivariate");
            assertThat(h.metrics.multivariate.labelValues("m", "z").get()).isGreaterThan(10);
        }
    }

    @Test
    void tooFewLabelledReferenceRecordsSaySoInsteadOfEstimating() throws Exception {
        Path config = config();
        Fixtures.writeLines(dir.resolve("reference/m.jsonl"), lines(800, 0.9, T0.minus(Duration.ofDays(1)), 1, true));
        Fixtures.writeLines(dir.resolve("logs/m.jsonl"), lines(300, 0.9, T0, 2, false));
        try (CycleHarness h = new CycleHarness(dir, config, new ManualClock(T0))) {
            JsonNode report = Json.MAPPER.readTree(h.cycle.run().report());
            assertThat(report.get("estimated").get("skipped").asString())
                    .contains("800 labelled records").contains("min_calibration is 1000");
            assertThat(report.get("multivariate").has("z")).isTrue();
        }
    }
}
