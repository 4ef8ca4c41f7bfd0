package io.driftwatch.support;

import static org.awaitility.Awaitility.await;

import io.driftwatch.util.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * A real Alertmanager (Debian package {@code prometheus-alertmanager}) on 127.0.0.1 with its own data
 * directory and no cluster listener ({@code --cluster.listen-address=}), routing everything to a
 * receiver that sends nothing. Tests read what arrived through {@code GET /api/v2/alerts}.
 */
public final class AlertmanagerServer implements AutoCloseable {
    private final Process process;
    private final String url;
    private final HttpClient http = HttpClient.newHttpClient();

    private AlertmanagerServer(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    public static AlertmanagerServer start(Path dir) throws IOException {
        return start(dir, Duration.ofMinutes(5));
    }

    /** The same with the given {@code resolve_timeout} (Alertmanager's default is 5m). */
    public static AlertmanagerServer start(Path dir, Duration resolveTimeout) throws IOException {
        Files.createDirectories(dir);
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, """
                global:
                  resolve_timeout: %ds
                route:
                  receiver: blackhole
                  group_wait: 1h
                receivers:
                  - name: blackhole
                """.formatted(resolveTimeout.toSeconds()));
        int port = PrometheusServer.freePort();
        Process p = new ProcessBuilder("prometheus-alertmanager", "--config.file=" + config,
                "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=", "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        AlertmanagerServer s = new AlertmanagerServer(p, "http://127.0.0.1:" + port);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> s.get("/-/ready").statusCode() == 200);
        return s;
    }

    public String url() {
        return url;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code GET /api/v2/alerts} with the given query string (e.g. {@code active=true}). */
    public JsonNode alerts(String query) throws IOException, InterruptedException {
        return Json.MAPPER.readTree(get("/api/v2/alerts" + (query.isEmpty() ? "" : "?" + query)).body());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
