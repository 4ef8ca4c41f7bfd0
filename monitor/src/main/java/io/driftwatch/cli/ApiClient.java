package io.driftwatch.cli;

import io.driftwatch.util.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** The options and calls the CLI uses to talk to a running daemon's API, as amtool does. */
final class ApiClient {
    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "The daemon's API (${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--token-file", description = "A file with the API bearer token (mutating commands).")
    Path tokenFile;

    @Option(names = "--token-env", defaultValue = "DRIFTWATCH_API_TOKEN",
            description = "The environment variable with the API bearer token (${DEFAULT-VALUE}).")
    String tokenEnv;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An API answer that was not 2xx. */
    static final class ApiException extends Exception {
        private static final long serialVersionUID = 1L;

        ApiException(String message) {
            super(message);
        }
    }

    JsonNode call(String method, String path, String body) throws ApiException {
        URI uri;
        try {
            uri = URI.create(url.replaceAll("/+$", "") + path);
        } catch (IllegalArgumentException e) {
            throw new ApiException("--url " + url + " is not a URL such as http://127.0.0.1:8080");
        }
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(uri);
        } catch (IllegalArgumentException e) {
            throw new ApiException("--url " + url + " is not an http(s) URL such as http://127.0.0.1:8080");
        }
        b
                .timeout(Duration.ofSeconds(10)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        String token = token();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = r.body().isBlank() ? null : Json.MAPPER.readTree(r.body());
            } catch (tools.jackson.core.JacksonException e) {
                throw new ApiException(url + " answered HTTP " + r.statusCode() + " with something that is not JSON: "
                        + "is it a Driftwatch daemon?");
            }
            if (r.statusCode() / 100 != 2) {
                String error = json != null && json.has("error") ? json.get("error").asString() : r.body();
                throw new ApiException(method + " " + path + ": HTTP " + r.statusCode() + ": " + error);
            }
            return json;
        } catch (IOException e) {
            String why = e instanceof java.net.ConnectException ? "connection refused"
                    : e instanceof java.net.http.HttpTimeoutException ? "no answer in time"
                    : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            throw new ApiException("cannot reach the daemon at " + url + ": " + why + " (is it running? set --url)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("interrupted");
        }
    }

    private String token() throws ApiException {
        if (tokenFile != null) {
            try {
                return Files.readString(tokenFile).strip();
            } catch (IOException e) {
                throw new ApiException("cannot read " + tokenFile + ": " + e.getMessage());
            }
        }
        String v = tokenEnv == null ? null : System.getenv(tokenEnv);
        return v == null || v.isBlank() ? null : v.strip();
    }
}
