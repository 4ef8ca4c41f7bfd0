package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.support.ChildJvm;
import io.driftwatch.support.Promtool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code driftwatch demo} with no arguments, as a newcomer runs it. */
class DemoProcessIT {
    @TempDir
    Path tmp;

    @Test
    void showsHealthyEvaluationsThenADriftAlertWithin90Seconds() throws Exception {
        Instant start = Instant.now();
        try (ChildJvm demo = ChildJvm.start(tmp, List.of("-Djava.io.tmpdir=" + tmp), "demo")) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> demo.out().stream().anyMatch(l -> l.startsWith("ALERT FIRING")));
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(90));
            int injected = indexOf(demo.out(), ">>> demo: drift injected");
            int firstAlert = indexOf(demo.out(), "ALERT FIRING");
            assertThat(injected).as("no alert before the drift").isBetween(0, firstAlert);
            assertThat(demo.err()).anySatisfy(l -> assertThat(l).contains("evaluated credit-risk v3: ok"));
            assertThat(demo.err()).anySatisfy(l -> assertThat(l).contains("evaluated churn v12: ok"));

            String metricsUrl = demo.out().stream().filter(l -> l.contains("metrics:")).findFirst().orElseThrow()
                    .replaceAll(".*metrics:\\s+", "").strip();
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(metricsUrl)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("driftwatch_records_skipped_total{model=\"credit-risk\",reason=\"malformed_json\"}");
            assertThat(Promtool.checkMetrics(metrics)).isEmpty();
            Matcher api = Pattern.compile("API:\\s+(\\S+)").matcher(String.join("\n", demo.out()));
            assertThat(api.find()).isTrue();
            assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.group(1))).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).contains("\"name\":\"credit-risk\"");

            Matcher console = Pattern.compile("console:\\s+(\\S+)").matcher(String.join("\n", demo.out()));
            assertThat(console.find()).isTrue();
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(console.group(1)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(page.body()).contains("\"name\":\"credit-risk\"", "/static/console.js");

            assertThat(demo.terminate()).as("Ctrl-C / SIGTERM stops it cleanly").isIn(0, 130, 143);
            assertThat(demo.anyLine("driftwatch stopped")).isTrue();
        }
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
