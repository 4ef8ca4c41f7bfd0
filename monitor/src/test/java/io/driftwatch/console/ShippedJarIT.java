package io.driftwatch.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.support.Browser;
import io.driftwatch.support.ChildJvm;
import io.driftwatch.support.Fixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What ships, as a user runs it: {@code java -jar monitor/target/driftwatch.jar}. The demo's console
 * serves its static files and is drawn in headless Chromium, and the HTML reports of {@code drift},
 * {@code check} and {@code backtest} are written by the jar and drawn from disk. (The console and the
 * report once broke in the jar alone: the shade plugin had dropped the metadata they read.)
 */
class ShippedJarIT {
    private static final Duration LIMIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theDemosConsoleServesItsFilesAndIsDrawnInChromium() throws Exception {
        try (ChildJvm demo = ChildJvm.start(dir, List.of("-Djava.io.tmpdir=" + dir), "demo", "--port", "0",
                "--dir", dir.resolve("demo").toString())) {
            await().atMost(LIMIT).until(() -> demo.count("evaluated credit-risk") >= 2 && demo.count("evaluated churn") >= 2);
            Matcher m = Pattern.compile("console:\\s+(http://\\S+)").matcher(String.join("\n", demo.out()));
            assertThat(m.find()).as(String.join("\n", demo.out())).isTrue();
            String base = m.group(1).replaceAll("/$", "");
            Map<String, String> files = Map.of("console.js", "text/javascript", "console.css", "text/css",
                    "uPlot.iife.min.js", "text/javascript", "uPlot.min.css", "text/css");
            for (Map.Entry<String, String> f : files.entrySet()) {
                HttpResponse<String> r = get(base + "/static/" + f.getKey());
                assertThat(r.statusCode()).as(f.getKey()).isEqualTo(200);
                assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith(f.getValue());
                assertThat(r.body()).hasSizeGreaterThan(1000);
            }
            assertThat(get(base + "/static/nothing.js").statusCode()).isEqualTo(404);
            try (Browser b = Browser.open(1280, 900)) {
                b.load(base + "/");
                assertThat(b.errors()).isEmpty();
                assertThat(b.drawnCanvases()).as("the drift history sparkline").isGreaterThanOrEqualTo(1);
                b.load(base + "/models/credit-risk");
                assertThat(b.errors()).isEmpty();
                assertThat(b.drawnCanvases()).as("timeline").isGreaterThanOrEqualTo(1);
                b.screenshot("jar-console-model");
            }
            assertThat(demo.err()).noneMatch(l -> l.contains("Exception") || l.contains("Error:"));
            assertThat(demo.terminate()).isIn(0, 130, 143);
        }
    }

    private Path csv(String name, double shift, long seed) {
        Random r = new Random(seed);
        List<String> lines = new ArrayList<>(List.of("num,cat"));
        String[] cats = {"a", "b", "c", "d"};
        for (int i = 0; i < 2000; i++) {
            lines.add((r.nextGaussian() + shift) + "," + cats[r.nextInt(4)]);
        }
        Path p = dir.resolve(name);
        Fixtures.writeLines(p, lines);
        return p;
    }

    /** Runs the jar to its end and returns its exit status; no stack trace on either stream. */
    private int jar(String... args) throws Exception {
        try (ChildJvm c = ChildJvm.start(dir, List.of(), args)) {
            int status = c.waitFor(LIMIT);
            assertThat(c.err()).as("no stack trace").noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception"));
            return status;
        }
    }

    private static void drawn(Path html) {
        try (Browser b = Browser.open(1280, 900)) {
            b.load(html.toUri().toString());
            assertThat(b.errors()).isEmpty();
            assertThat(b.drawnCanvases()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void driftAndCheckWriteHtmlReportsThatDrawFromDisk() throws Exception {
        Path ref = csv("ref.csv", 0, 1);
        Path same = csv("same.csv", 0, 1);
        Path shifted = csv("shifted.csv", 0.5, 2);
        Path drift = dir.resolve("drift.html");
        assertThat(jar("drift", "--reference", ref.toString(), "--current", shifted.toString(), "--format", "html",
                "--output", drift.toString())).isZero();
        drawn(drift);
        Path passed = dir.resolve("check.html");
        assertThat(jar("check", "--reference", ref.toString(), "--current", same.toString(), "--format", "html",
                "--output", passed.toString())).as("identical files pass the CI gate").isZero();
        assertThat(Files.readString(passed)).contains("<html");
        Path failed = dir.resolve("check-failed.html");
        assertThat(jar("check", "--reference", ref.toString(), "--current", shifted.toString(), "--format", "html",
                "--output", failed.toString())).as("a shifted column fails it").isEqualTo(1);
        drawn(failed);
    }

    @Test
    void backtestWritesAnHtmlPageThatDrawsFromDisk() throws Exception {
        Path config = Fixtures.config(dir, "1h", "alerts.jsonl");
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        Fixtures.writeLines(dir.resolve("reference/m.jsonl"), Fixtures.lines(2000, 0, start, 1));
        Random r = new Random(3);
        List<String> logs = new ArrayList<>();
        for (int i = 0; i < 12 * 360; i++) {
            logs.add(Fixtures.logLine(start.plusSeconds(10L * i), r.nextGaussian() + (i / 360 >= 6 ? 2 : 0),
                    new String[] {"a", "b", "c"}[r.nextInt(3)], "7"));
        }
        Fixtures.writeLines(dir.resolve("logs/m.jsonl"), logs);
        Path html = dir.resolve("backtest.html");
        assertThat(jar("backtest", "--config", config.toString(), "--from", "2026-11-01T00:00:00Z", "--to",
                "2026-11-01T12:00:00Z", "--format", "html", "--output", html.toString())).isZero();
        drawn(html);
    }

    /** The jar records the same schemas from its parsers as the classes do: those schemas/ holds. */
    @Test
    void theJarPrintsTheSchemasTheRepositoryHolds() throws Exception {
        Path out = dir.resolve("schemas");
        assertThat(jar("config", "schema", "--out", out.toString())).isZero();
        Path repo = Path.of(System.getProperty("driftwatch.repo"));
        for (String f : List.of("driftwatch", "rules", "routing")) {
            assertThat(out.resolve(f + ".schema.json")).hasSameTextualContentAs(repo.resolve("schemas/" + f + ".schema.json"));
        }
    }
}
