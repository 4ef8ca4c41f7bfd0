package io.driftwatch.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.app.Configuration;
import io.driftwatch.app.ConfigurationLoader;
import io.driftwatch.app.Driftwatch;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.support.Browser;
import io.driftwatch.support.Console;
import io.driftwatch.support.Fixtures;
import io.driftwatch.util.Json;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench/run console}: (1) the HTML report of the 356,000 rows × 100 columns benchmark files: its
 * size, and the time headless Chromium takes from navigation to drawn (best of 3 loads from disk);
 * (2) the console's model and feature pages of a 300-feature model served by the daemon: navigation to
 * drawn (best of 5). Writes its lines to {@code bench.out}; the last is the headline.
 */
@Tag("bench")
class ConsoleBench {
    private static final int FEATURES = 300;

    @TempDir
    Path dir;

    private final List<String> out = new ArrayList<>();

    private void say(String line) {
        System.out.println(line);
        out.add(line);
    }

    private static double drawnMs(Browser b, String url) {
        b.load(url);
        return ((Number) b.script("return performance.getEntriesByName('dw-rendered')[0].startTime")).doubleValue();
    }

    private static double best(Browser b, String url, int times) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < times; i++) {
            best = Math.min(best, drawnMs(b, url));
        }
        return best;
    }

    @Test
    void reportAndConsolePages() throws Exception {
        Path data = Path.of(System.getProperty("bench.data", "/tmp/driftwatch-bench/356k-100col"));
        Path html = dir.resolve("report.html");
        long t0 = System.nanoTime();
        Console c = Console.run("drift", "--reference", data.resolve("reference.csv").toString(), "--current",
                data.resolve("current.csv").toString(), "--tests", "ks,psi", "--format", "html", "--output", html.toString());
        double made = (System.nanoTime() - t0) / 1e9;
        assertThat(c.status()).as(c.err()).isZero();
        double mb = Files.size(html) / 1024.0 / 1024.0;
        double report;
        double model;
        double feature;
        try (Browser b = Browser.open(1280, 900)) {
            report = best(b, html.toUri().toString(), 3);
            assertThat(b.errors()).isEmpty();
            long atOnce = b.drawnCanvases();
            Object all = b.driver().executeAsyncScript("""
                    var done = arguments[arguments.length - 1], t0 = performance.now();
                    var sections = document.querySelectorAll('details');
                    sections.forEach(function (d) { d.open = true; });
                    (function wait() {
                      if (document.querySelectorAll('details .chart canvas').length >= 2 * sections.length) {
                        done(performance.now() - t0);
                      } else { setTimeout(wait, 5); }
                    })();""");
            say(String.format(java.util.Locale.ROOT, "report: 356,000 rows x 100 columns: written in %.1f s, %.2f MB, "
                    + "drawn %.0f ms after navigation (best of 3; the drifted columns' %d charts at once); every "
                    + "column's charts drawn %.0f ms after opening all sections", made, mb, report, atOnce,
                    ((Number) all).doubleValue()));
            try (Driftwatch d = daemon()) {
                model = best(b, d.baseUrl() + "/models/m", 5);
                assertThat(b.errors()).isEmpty();
                feature = best(b, d.baseUrl() + "/models/m/features/f7", 5);
                say(String.format(java.util.Locale.ROOT, "console: %d-feature model page drawn %.0f ms after navigation, "
                        + "feature page %.0f ms (best of 5)", FEATURES, model, feature));
            }
        }
        say(String.format(java.util.Locale.ROOT, "report %.2f MB drawn in %.0f ms (goal < 2 MB, < 2000 ms); console "
                + "%d-feature model page %.0f ms (goal < 1000 ms)", mb, report, FEATURES, model));
        Files.write(Path.of(System.getProperty("bench.out", "target/bench.txt")), out);
    }

    private Driftwatch daemon() throws Exception {
        StringBuilder features = new StringBuilder();
        for (int f = 0; f < FEATURES; f++) {
            features.append("      - {name: f").append(f).append(", type: numeric}\n");
        }
        Path config = Fixtures.config(dir, "1h", "alerts.jsonl");
        Files.writeString(config, Files.readString(config).replace(
                "      - {name: x, type: numeric}\n      - {name: c, type: categorical}\n", features.toString()));
        Instant now = Instant.now();
        Fixtures.writeLines(dir.resolve("reference/m.jsonl"), lines(2000, 0, now.minusSeconds(86_400), 1));
        Fixtures.writeLines(dir.resolve("logs/m.jsonl"), lines(2000, 0.3, now, 2));
        Configuration conf = new ConfigurationLoader(TestRegistry.standard()).load(config);
        Driftwatch d = Driftwatch.start(conf, new PrintStream(PrintStream.nullOutputStream()), Clock.systemUTC());
        for (int i = 0; i < 10; i++) {
            d.evaluateNow("m");
        }
        return d;
    }

    private static List<String> lines(int n, double shift, Instant end, long seed) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> input = new LinkedHashMap<>();
            for (int f = 0; f < FEATURES; f++) {
                input.put("f" + f, r.nextGaussian() + (f % 10 == 0 ? shift : 0));
            }
            out.add(Json.write(Map.of("@timestamp", end.minusMillis(n - i).toString(), "model", "m", "model_version", "1",
                    "input", input)));
        }
        return out;
    }
}
