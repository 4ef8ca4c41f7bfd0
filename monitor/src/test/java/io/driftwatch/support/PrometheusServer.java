package io.driftwatch.support;

import static org.awaitility.Awaitility.await;

import io.driftwatch.util.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A real Prometheus (Debian package {@code prometheus}) on 127.0.0.1 with its own data directory,
 * scraping the given targets every second. Started and stopped by the test.
 */
public final class PrometheusServer implements AutoCloseable {
    private final Process process;
    private final String url;
    private final HttpClient http = HttpClient.newHttpClient();

    private PrometheusServer(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** Starts Prometheus scraping {@code host:port} targets as job "driftwatch" and waits until it is ready. */
    public static PrometheusServer start(Path dir, List<String> targets) throws IOException {
        return start(dir, targets, freePort());
    }

    public String url() {
        return url;
    }

    /** The same on a given port. */
    public static PrometheusServer start(Path dir, List<String> targets, int port) throws IOException {
        return start(dir, targets, port, List.of());
    }

    /** The same with more command-line flags (e.g. a retention that keeps backfilled blocks). */
    public static PrometheusServer start(Path dir, List<String> targets, int port, List<String> flags) throws IOException {
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: driftwatch
                    static_configs:
                      - targets: [%s]
                """.formatted(String.join(", ", targets.stream().map(t -> "'" + t + "'").toList())));
        List<String> cmd = new java.util.ArrayList<>(List.of("prometheus", "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port, "--log.level=warn"));
        cmd.addAll(flags);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        PrometheusServer s = new PrometheusServer(p, "http://127.0.0.1:" + port);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> s.get("/-/ready").statusCode() == 200);
        return s;
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The result vector of an instant query (empty when the query returns no series). */
    public JsonNode query(String promql) throws IOException, InterruptedException {
        return query(promql, "");
    }

    /** The same at a past instant. */
    public JsonNode query(String promql, java.time.Instant at) throws IOException, InterruptedException {
        return query(promql, "&time=" + at.getEpochSecond());
    }

    private JsonNode query(String promql, String time) throws IOException, InterruptedException {
        HttpResponse<String> r = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8) + time);
        JsonNode body = Json.MAPPER.readTree(r.body());
        if (!"success".equals(body.get("status").asString())) {
            throw new IllegalStateException(promql + ": " + r.body());
        }
        return body.get("data").get("result");
    }

    @Override
    public void close() {
        stop();
    }

    /** Stops Prometheus and waits for it to exit (a source outage, in tests). */
    public void stop() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
