package io.driftwatch.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.app.Configuration;
import io.driftwatch.app.ConfigurationLoader;
import io.driftwatch.app.Driftwatch;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.support.Browser;
import io.driftwatch.support.Fixtures;
import io.driftwatch.util.Json;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The model page of a model with model-level signals draws the estimated performance with its band beside
 * the realized value, and the multivariate drift's z, in Chromium without an error.
 */
class SignalsBrowserTest {
    @TempDir
    Path dir;

    private static List<String> lines(int n, Instant end, long seed) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x1 = r.nextGaussian();
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("@timestamp", end.minusMillis(n - i).toString());
            doc.put("model", "m");
            doc.put("model_version", "7");
            doc.put("input", Map.of("x1", x1, "x2", 0.9 * x1 + 0.43 * r.nextGaussian()));
            doc.put("prediction", 1 / (1 + Math.exp(-1.5 * x1)));
            doc.put("label", r.nextDouble() < 1 / (1 + Math.exp(-2 * x1)) ? 1 : 0);
            out.add(Json.write(doc));
        }
        return out;
    }

    @Test
    void theModelPageDrawsEstimatedAgainstRealizedAndTheMultivariateZ() throws Exception {
        Fixtures.write(dir.resolve("rules/none.yaml"), "rules: []\n");
        Fixtures.consoleRouting(dir.resolve("routing.yaml"));
        Path config = Fixtures.write(dir.resolve("driftwatch.yaml"), """
                store: {path: data/dw}
                http: {address: 127.0.0.1, port: 0}
                rules: [rules/*.yaml]
                alerts: routing.yaml
                models:
                  - name: m
                    source: {path: logs/m.jsonl}
                    reference: {file: reference/m.jsonl}
                    features: [{name: x1, type: numeric}, {name: x2, type: numeric}]
                    prediction: {field: prediction, type: numeric}
                    window: 1h
                    schedule: {interval: 1h}
                    multivariate: {}
                    estimated: {}
                """);
        Instant now = Instant.now();
        Fixtures.writeLines(dir.resolve("reference/m.jsonl"), lines(3000, now.minusSeconds(86_400), 1));
        Fixtures.writeLines(dir.resolve("logs/m.jsonl"), lines(800, now, 2));
        Configuration c = new ConfigurationLoader(TestRegistry.standard()).load(config);
        try (Driftwatch d = Driftwatch.start(c, new PrintStream(PrintStream.nullOutputStream()), Clock.systemUTC());
             Browser b = Browser.open(1280, 900)) {
            d.evaluateNow("m");
            d.evaluateNow("m");
            b.load(d.baseUrl() + "/models/m");
            assertThat(b.errors()).isEmpty();
            assertThat(b.driver().findElements(By.cssSelector("[aria-label='Estimated roc_auc (CBPE) against realized']")))
                    .hasSize(1);
            assertThat(b.driver().findElements(By.cssSelector("[aria-label='Multivariate drift: reconstruction error z']")))
                    .hasSize(1);
            assertThat(b.drawnCanvases()).isGreaterThanOrEqualTo(4);
            b.screenshot("model-signals");
        }
    }
}
