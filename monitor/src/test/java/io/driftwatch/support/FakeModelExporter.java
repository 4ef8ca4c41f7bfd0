package io.driftwatch.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small model service's /metrics, for the health rules: a latency histogram (slow: most requests take
 * about a second), requests by status code (10% fail), and a pod that restarts. Every scrape adds
 * traffic, so rates are positive.
 */
public final class FakeModelExporter implements AutoCloseable {
    private final HttpServer server;
    private final AtomicLong scrapes = new AtomicLong();

    public FakeModelExporter() throws IOException {
        this(FakeModelExporter::exposition);
    }

    /** An exporter whose n-th scrape returns {@code exposition.apply(n)}. */
    public FakeModelExporter(java.util.function.LongFunction<String> exposition) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/metrics", ex -> {
            byte[] body = exposition.apply(scrapes.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public String target() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    static String exposition(long n) {
        long total = 100 * n;
        return """
                # HELP model_request_duration_seconds Request latency.
                # TYPE model_request_duration_seconds histogram
                model_request_duration_seconds_bucket{model="credit-risk",le="0.1"} %d
                model_request_duration_seconds_bucket{model="credit-risk",le="0.5"} %d
                model_request_duration_seconds_bucket{model="credit-risk",le="2"} %d
                model_request_duration_seconds_bucket{model="credit-risk",le="+Inf"} %d
                model_request_duration_seconds_sum{model="credit-risk"} %d
                model_request_duration_seconds_count{model="credit-risk"} %d
                # HELP model_requests_total Requests by status code.
                # TYPE model_requests_total counter
                model_requests_total{model="credit-risk",code="200"} %d
                model_requests_total{model="credit-risk",code="500"} %d
                # HELP kube_pod_container_status_restarts_total Container restarts.
                # TYPE kube_pod_container_status_restarts_total counter
                kube_pod_container_status_restarts_total{namespace="models",pod="credit-risk-7d9f",container="server"} %d
                """.formatted(10 * n, 20 * n, total, total, total, total, 90 * n, 10 * n, 2 * n);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
