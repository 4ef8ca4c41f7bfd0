package io.driftwatch.alert.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A JSON POST whose failures become {@link NotifyException}s: 5xx, 429 and I/O errors are retryable.
 * The receiver's timeout is a deadline for the whole exchange, body included (the JDK client's own
 * request timeout ends when the response headers arrive, so a receiver that sends them and stalls
 * would hold the outbox for ever). URLs in errors are redacted (no query, no user info).
 */
public final class HttpPost {
    private final HttpClient http;

    public HttpPost(HttpClient http) {
        this.http = http;
    }

    public void post(String url, String body, Duration timeout, Map<String, String> headers) throws NotifyException {
        HttpRequest.Builder req;
        try {
            req = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        } catch (IllegalArgumentException e) {
            throw new NotifyException("the receiver's URL " + url + " cannot be used", false, null);
        }
        headers.forEach(req::header);
        HttpResponse<String> resp;
        java.util.concurrent.CompletableFuture<HttpResponse<String>> exchange =
                http.sendAsync(req.build(), HttpResponse.BodyHandlers.ofString());
        try {
            resp = exchange.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            exchange.cancel(true);
            throw new NotifyException("POST " + url + " gave no complete answer within " + timeout.toMillis() + " ms",
                    true, null);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new NotifyException("POST " + url + " failed: " + cause, cause instanceof IOException, cause);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new NotifyException("interrupted", true, e);
        }
        int code = resp.statusCode();
        if (code / 100 != 2) {
            String body1 = resp.body() == null ? "" : resp.body().substring(0, Math.min(200, resp.body().length()));
            throw new NotifyException("POST " + url + " answered " + code + (body1.isBlank() ? "" : ": " + body1),
                    code == 429 || code >= 500, NotifyException.retryAfter(resp.headers().firstValue("Retry-After")),
                    null);
        }
    }
}
