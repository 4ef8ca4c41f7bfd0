package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.support.ChildJvm;
import io.driftwatch.support.Fixtures;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as a real process against what would otherwise stop it: 50 clients that send their headers
 * a byte at a time, a second daemon on the same store, an unknown log format.
 */
class DaemonGuardsProcessIT {
    private static final Pattern LISTENING = Pattern.compile("HTTP listening on http:[^ ]*127\\.0\\.0\\.1:(\\d+)");
    private static final int SLOW_CLIENTS = 50;

    @TempDir
    Path dir;

    private Path config() {
        Path config = Fixtures.config(dir, "1h", "alerts.jsonl");
        Fixtures.writeLines(dir.resolve("reference/m.jsonl"), Fixtures.lines(500, 0, Instant.now().minusSeconds(86_400), 1));
        Fixtures.writeLines(dir.resolve("logs/m.jsonl"), Fixtures.lines(200, 0, Instant.now(), 2));
        return config;
    }

    private static int port(ChildJvm daemon) {
        await().atMost(Duration.ofSeconds(60)).until(() -> daemon.anyLine("HTTP listening on"));
        for (String line : daemon.err()) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("no port in " + daemon.err());
    }

    @Test
    void slowClientsDoNotStopHealthReadinessOrMetricsAndASecondDaemonIsRefused() throws Exception {
        Path config = config();
        try (ChildJvm daemon = ChildJvm.start(dir, List.of(), "run", "--config", config.toString())) {
            int port = port(daemon);
            List<Long> worstMillis = probeUnderSlowClients(port);
            assertThat(worstMillis).as("/healthz, /readyz, /metrics while 50 clients dribble headers")
                    .hasSize(3).allSatisfy(ms -> assertThat(ms).isLessThan(1000));

            try (ChildJvm second = ChildJvm.start(dir, List.of(), "run", "--config", config.toString())) {
                assertThat(second.waitFor(Duration.ofSeconds(60))).isEqualTo(1);
                String err = String.join("\n", second.err());
                assertThat(err).contains("data/dw.mv.db is in use by another Driftwatch", "set store.url")
                        .doesNotContain("\tat ");
            }
            assertThat(daemon.isAlive()).isTrue();
        }
    }

    /** Holds 50 slow connections (reopening any the server cuts) while probing; the worst time per endpoint. */
    private static List<Long> probeUnderSlowClients(int port) throws Exception {
        List<Socket> slow = new CopyOnWriteArrayList<>();
        ScheduledExecutorService ticks = Executors.newScheduledThreadPool(2);
        try {
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                slow.add(slowClient(port));
            }
            ticks.scheduleAtFixedRate(() -> dribble(slow, port), 200, 200, TimeUnit.MILLISECONDS);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            List<String> paths = List.of("/healthz", "/readyz", "/metrics");
            long[] worst = new long[paths.size()];
            int rounds = 50; // 50 rounds of 3 probes, 300 ms apart: 15 s, longer than the server's request time limit
            CountDownLatch done = new CountDownLatch(rounds);
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            ticks.scheduleAtFixedRate(() -> {
                if (done.getCount() == 0) {
                    return;
                }
                for (int p = 0; p < paths.size(); p++) {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                + paths.get(p))).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() >= 500 && !paths.get(p).equals("/readyz")) {
                            failures.add(new AssertionError(paths.get(p) + " answered " + r.statusCode()));
                        }
                    } catch (IOException | InterruptedException e) {
                        failures.add(e);
                    }
                    worst[p] = Math.max(worst[p], (System.nanoTime() - t0) / 1_000_000);
                }
                done.countDown();
            }, 300, 300, TimeUnit.MILLISECONDS);
            assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(failures).isEmpty();
            List<Long> out = new ArrayList<>();
            for (long w : worst) {
                out.add(w);
            }
            return out;
        } finally {
            ticks.shutdownNow();
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    private static Socket slowClient(int port) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
        return s;
    }

    /** One more header byte on every slow connection; a connection the server closed is replaced. */
    private static void dribble(List<Socket> slow, int port) {
        for (int i = 0; i < slow.size(); i++) {
            try {
                OutputStream out = slow.get(i).getOutputStream();
                out.write('a');
                out.flush();
            } catch (IOException closed) {
                try {
                    slow.get(i).close();
                    slow.set(i, slowClient(port));
                } catch (IOException e) {
                    // the server refuses more connections for now; try again at the next tick
                }
            }
        }
    }

    @Test
    void anUnknownLogFormatFallsBackWithAWarning() throws Exception {
        Path config = config();
        try (ChildJvm validate = ChildJvm.start(dir, Map.of("DRIFTWATCH_LOG_FORMAT", "plain"), List.of(),
                "validate", "--config", config.toString())) {
            assertThat(validate.waitFor(Duration.ofSeconds(60))).isZero();
            assertThat(String.join("\n", validate.err())).contains("DRIFTWATCH_LOG_FORMAT=plain is not json or text");
            assertThat(String.join("\n", validate.out())).contains("is valid");
        }
    }
}
