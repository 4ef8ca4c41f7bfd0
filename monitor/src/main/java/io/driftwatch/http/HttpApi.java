package io.driftwatch.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.driftwatch.config.HttpConfig;
import io.driftwatch.metrics.Metrics;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP listener: {@code /healthz}, {@code /readyz}, {@code /metrics} and the JSON API under
 * {@code /api/v1}. Every answer is counted by endpoint and status code; a bad request gets a JSON error
 * that says what was wrong.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final Metrics metrics;
    private final Auth auth;

    public HttpApi(HttpConfig config, ApiBackend backend, AlertBackend alerts, java.util.function.Supplier<ActionBackend> actions,
                   Metrics metrics)
            throws IOException {
        this(config, backend, alerts, actions, metrics, null);
    }

    /** {@code ingest}: the ingest endpoint's writer, or null when no model reads ingested records. */
    public HttpApi(HttpConfig config, ApiBackend backend, AlertBackend alerts, java.util.function.Supplier<ActionBackend> actions,
                   Metrics metrics, IngestBackend ingest)
            throws IOException {
        this(config, backend, alerts, actions, metrics, ingest, null);
    }

    /** {@code access}: the Kubernetes reviews under {@code http.auth: kubernetes}, else null (tokens). */
    public HttpApi(HttpConfig config, ApiBackend backend, AlertBackend alerts, java.util.function.Supplier<ActionBackend> actions,
                   Metrics metrics, IngestBackend ingest, KubeAccess access)
            throws IOException {
        this.metrics = metrics;
        this.auth = Auth.from(config);
        this.server = bind(config);
        this.executor = new ThreadPoolExecutor(4, MAX_THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "driftwatch-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        MetricsHandler prometheus = new MetricsHandler(metrics.registry());
        server.createContext("/metrics", ex -> {
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                send(ex, new Response(405, io.driftwatch.util.Json.write(Map.of("error", ex.getRequestMethod()
                        + " is not allowed on /metrics", "status", 405)), "application/json", Map.of("Allow", "GET"),
                        "metrics"));
                return;
            }
            metrics.apiRequests.labelValues("metrics", "200").inc();
            prometheus.handle(ex);
        });
        java.time.Clock utc = java.time.Clock.systemUTC();
        Routes routes = new Routes(backend, new AlertRoutes(alerts, utc), new ActionRoutes(actions), auth, Auth.reading(config));
        if (access != null) {
            routes.authenticatingWith(access, caller -> Routes.forCaller(CallerViews.api(backend, caller),
                    new AlertRoutes(CallerViews.alerts(alerts, caller), utc), new ActionRoutes(() -> {
                        ActionBackend b = actions.get();
                        return b == null ? null : CallerViews.actions(b, caller);
                    }), caller));
        }
        server.createContext("/", ex -> serve(ex, routes));
        IngestRoute ingestRoute = new IngestRoute(ingest, Auth.ingesting(config), auth, metrics, java.time.Clock.systemUTC());
        server.createContext("/api/v1/ingest/", ex -> {
            HttpApi.Response r;
            try {
                r = ingestRoute.handle(ex);
            } catch (RuntimeException e) {
                LOG.error("HTTP {} {} failed", ex.getRequestMethod(), ex.getRequestURI().getPath(), e);
                r = Response.error(500, "internal error: " + e.getMessage(), "ingest");
            }
            send(ex, r);
        });
    }

    /** Connections served at once; more wait in the accept queue. Each reading connection holds a thread. */
    static final int MAX_CONNECTIONS = 200;
    static final int MAX_THREADS = MAX_CONNECTIONS + 8;
    /** Seconds a client may take to send its request (headers and body) and to read the answer. */
    static final int REQUEST_SECONDS = 10;
    static final int RESPONSE_SECONDS = 30;

    static {
        // The JDK server reads these once, when its first instance is made. Without them a client that
        // sends its headers a byte at a time holds a thread for ever, and a few such clients stop /healthz.
        setDefault("sun.net.httpserver.maxReqTime", Integer.toString(REQUEST_SECONDS));
        setDefault("sun.net.httpserver.maxRspTime", Integer.toString(RESPONSE_SECONDS));
        setDefault("jdk.httpserver.maxConnections", Integer.toString(MAX_CONNECTIONS));
        setDefault("sun.net.httpserver.idleInterval", "30");
        // answers go out at once: with Nagle's algorithm a small answer waits for the client's delayed ACK (40 ms),
        // which capped the ingest endpoint at one post per 40 ms per connection (bench/run ingest)
        setDefault("sun.net.httpserver.nodelay", "true");
    }

    private static void setDefault(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    private static HttpServer bind(HttpConfig config) throws IOException {
        try {
            return HttpServer.create(new InetSocketAddress(config.address(), config.port()), 64);
        } catch (java.net.BindException e) {
            throw new io.driftwatch.util.StartupException("cannot listen on " + config.address() + ":" + config.port()
                    + ": " + e.getMessage() + " (is another Driftwatch running? stop it or set http.port)", e);
        }
    }

    public void start() {
        server.start();
        LOG.info("HTTP listening on {}", baseUrl());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        String host = server.getAddress().getAddress().isAnyLocalAddress() ? "localhost"
                : server.getAddress().getHostString();
        return "http://" + host + ":" + port();
    }

    private void serve(HttpExchange ex, Routes routes) throws IOException {
        Response r;
        try {
            r = routes.handle(request(ex));
        } catch (RuntimeException | LinkageError e) {
            // a LinkageError (a class that failed to load) would otherwise leave the connection unanswered
            LOG.error("HTTP {} {} failed", ex.getRequestMethod(), ex.getRequestURI().getPath(), e);
            r = Response.error(500, "internal error: " + e.getMessage(), "unknown");
        }
        send(ex, r);
    }

    private void send(HttpExchange ex, Response r) throws IOException {
        metrics.apiRequests.labelValues(r.endpoint(), Integer.toString(r.status())).inc();
        byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", r.contentType());
        r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(r.status(), body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static final int MAX_BODY = 64 * 1024;

    private static Request request(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readNBytes(MAX_BODY + 1);
        String text = body.length > MAX_BODY ? null : new String(body, StandardCharsets.UTF_8);
        // the JDK server here speaks plain HTTP: HTTPS means a TLS-terminating proxy that says so
        boolean https = "https".equalsIgnoreCase(String.valueOf(ex.getRequestHeaders().getFirst("X-Forwarded-Proto")).strip());
        return new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getRequestURI().getRawQuery(),
                ex.getRequestHeaders().getFirst("Authorization"), text, ex.getRequestHeaders().getFirst("Cookie"), https);
    }

    /**
     * A request as the routes see it; {@code body} is null when it exceeded 64 KiB; {@code https} when the
     * browser reached us over HTTPS (through a proxy that sets {@code X-Forwarded-Proto}).
     */
    record Request(String method, String path, String query, String authorization, String body, String cookie,
                   boolean https) {
        Request(String method, String path, String query, String authorization, String body) {
            this(method, path, query, authorization, body, null, false);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** One answer: status, body, content type, extra headers, and the endpoint name for the metric. */
    record Response(int status, String body, String contentType, Map<String, String> headers, String endpoint) {

        static Response json(int status, String body, String endpoint) {
            return new Response(status, body, "application/json", Map.of(), endpoint);
        }

        static Response text(int status, String body, String endpoint) {
            return new Response(status, body, "text/plain; charset=utf-8", Map.of(), endpoint);
        }

        static Response error(int status, String message, String endpoint) {
            return json(status, io.driftwatch.util.Json.write(Map.of("error", message, "status", status)), endpoint);
        }
    }
}
