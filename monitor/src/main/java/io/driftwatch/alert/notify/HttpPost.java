package io.driftwatch.alert.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A JSON POST whose failures become {@link NotifyException}s: 5xx, 429 and I/O errors are retryable. */
public final class HttpPost {
    private final HttpClient http;

    public HttpPost(HttpClient http) {
        this.http = http;
    }

    public void post(String url, String body, Duration timeout, Map<String, String> headers) throws NotifyException {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(req::header);
        HttpResponse<String> resp;
        try {
            resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new NotifyException("POST " + url + " failed: " + e, true, e);
        } catch (InterruptedException e) {
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
