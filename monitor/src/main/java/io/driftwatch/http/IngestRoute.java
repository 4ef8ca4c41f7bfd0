package io.driftwatch.http;

import com.sun.net.httpserver.HttpExchange;
import io.driftwatch.metrics.Metrics;
import io.driftwatch.source.store.CloudEvents;
import io.driftwatch.source.store.IngestEvent;
import io.driftwatch.source.store.IngestWriter;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /api/v1/ingest/kserve}: CloudEvents from KServe's payload logger ({@code
 * spec.predictor.logger.url}), in binary or structured mode. Each event is checked (attributes, a JSON body,
 * an InferenceService some model reads), queued, and answered 200 only once committed to the store; a full
 * queue is 429 and a failing store 503, both with {@code Retry-After}. Every event is counted by result in
 * {@code driftwatch_ingest_events_total}.
 */
final class IngestRoute {
    static final String PATH = "/api/v1/ingest/kserve";
    /** The largest body taken: a batch of a few thousand rows. */
    static final int MAX_BODY = 8 << 20;
    private static final long COMMIT_SECONDS = 10;

    private final IngestBackend backend;
    private final Auth ingest;
    private final Auth mutate;
    private final Metrics metrics;
    private final Clock clock;

    IngestRoute(IngestBackend backend, Auth ingest, Auth mutate, Metrics metrics, Clock clock) {
        this.backend = backend;
        this.ingest = ingest;
        this.mutate = mutate;
        this.metrics = metrics;
        this.clock = clock;
    }

    HttpApi.Response handle(HttpExchange ex) throws IOException {
        if (!ex.getRequestURI().getPath().equals(PATH)) {
            return HttpApi.Response.error(404, "no such endpoint; post CloudEvents to " + PATH, "ingest");
        }
        if (!"POST".equals(ex.getRequestMethod())) {
            HttpApi.Response r = HttpApi.Response.error(405, ex.getRequestMethod() + " is not allowed here: POST", "ingest");
            return new HttpApi.Response(405, r.body(), r.contentType(), Map.of("Allow", "POST"), "ingest");
        }
        String authorization = ex.getRequestHeaders().getFirst("Authorization");
        if (ingest.enabled() && !ingest.accepts(authorization) && !mutate.accepts(authorization)) {
            return refuse("unauthorized", 1, 401, "this endpoint needs Authorization: Bearer <ingest token>", 0);
        }
        if (backend == null) {
            return refuse("no_store_source", 1, 404, "no model reads ingested records (source.type: store)", 0);
        }
        byte[] body = ex.getRequestBody().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            return refuse("too_large", 1, 413, "the body is larger than " + (MAX_BODY >> 20) + " MiB", 0);
        }
        List<IngestEvent> events;
        try {
            events = events(ex, body);
        } catch (CloudEvents.Invalid e) {
            return refuse(e.reason(), 1, 400, e.getMessage(), 0);
        }
        for (IngestEvent e : events) {
            if (!backend.knownService().test(e.service())) {
                return refuse("unknown_service", events.size(), 404, "no model reads InferenceService '" + e.service()
                        + "' (source.type: store, inference_service)", 0);
            }
        }
        return store(events);
    }

    private List<IngestEvent> events(HttpExchange ex, byte[] body) throws CloudEvents.Invalid {
        String type = String.valueOf(ex.getRequestHeaders().getFirst("Content-Type")).toLowerCase(Locale.ROOT);
        if (type.startsWith("application/cloudevents-batch+json")) {
            return CloudEvents.structured(body, true, clock.instant());
        }
        if (type.startsWith("application/cloudevents+json")) {
            return CloudEvents.structured(body, false, clock.instant());
        }
        return List.of(CloudEvents.binary(h -> ex.getRequestHeaders().getFirst(h), body, clock.instant()));
    }

    private HttpApi.Response store(List<IngestEvent> events) {
        try {
            backend.writer().submit(events).get(COMMIT_SECONDS, TimeUnit.SECONDS);
            metrics.ingestEvents.labelValues("stored").inc(events.size());
            return HttpApi.Response.json(200, "{\"stored\": " + events.size() + "}", "ingest");
        } catch (ExecutionException e) {
            boolean full = e.getCause() instanceof IngestWriter.Refused r && r.full();
            return full ? refuse("queue_full", events.size(), 429, e.getCause().getMessage(), 1)
                    : refuse("store_failed", events.size(), 503, e.getCause().getMessage(), 5);
        } catch (TimeoutException e) {
            return refuse("commit_timeout", events.size(), 503, "the store did not commit within " + COMMIT_SECONDS
                    + " s; the events may be stored: a retry may store them twice", 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return refuse("store_failed", events.size(), 503, "interrupted", 5);
        } finally {
            metrics.ingestQueued.set(backend.writer().queued());
        }
    }

    private HttpApi.Response refuse(String reason, int events, int status, String message, int retryAfter) {
        metrics.ingestEvents.labelValues(reason).inc(events);
        HttpApi.Response r = HttpApi.Response.error(status, message, "ingest");
        if (retryAfter == 0) {
            return r;
        }
        return new HttpApi.Response(status, r.body(), r.contentType(), Map.of("Retry-After", Integer.toString(retryAfter)),
                "ingest");
    }
}
