package io.driftwatch.source.prometheus;

import io.driftwatch.config.PrometheusConfig;
import io.driftwatch.source.SourceException;
import io.driftwatch.util.Json;
import io.driftwatch.util.TlsContexts;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * PromQL over Prometheus' HTTP API: instant and range queries, bearer-token or basic auth read from the
 * environment, TLS with an optional CA file, and a timeout. A query Prometheus rejects (bad PromQL,
 * execution error) is a {@link QueryException}; anything that makes Prometheus unreachable or refuse
 * us (connection, timeout, 401/403, 5xx) is a {@link SourceException}.
 */
public final class PrometheusClient {
    private final PrometheusConfig config;
    private final HttpClient http;
    private final String authorization;

    /** One series of an instant query. */
    public record Series(Map<String, String> labels, double value) {
        public Series {
            labels = Map.copyOf(labels);
        }
    }

    /** One series of a range query: its samples as {time in seconds, value}. */
    public record RangeSeries(Map<String, String> labels, List<double[]> samples) {
        public RangeSeries {
            labels = Map.copyOf(labels);
            samples = List.copyOf(samples);
        }
    }

    public PrometheusClient(PrometheusConfig config) throws SourceException {
        this.config = config;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(config.timeout());
        if (config.caFile() != null) {
            b.sslContext(sslContext(config));
        }
        this.http = b.build();
        this.authorization = authorization(config);
    }

    public List<Series> query(String promql, Instant at) throws SourceException, QueryException {
        JsonNode data = call("/api/v1/query?query=" + encode(promql) + "&time=" + seconds(at));
        List<Series> out = new ArrayList<>();
        String type = data.get("resultType").asString();
        if ("scalar".equals(type)) {
            out.add(new Series(Map.of(), number(data.get("result").get(1))));
            return out;
        }
        for (JsonNode s : data.get("result")) {
            out.add(new Series(labels(s.get("metric")), number(s.get("value").get(1))));
        }
        return out;
    }

    public List<RangeSeries> queryRange(String promql, Instant start, Instant end, Duration step)
            throws SourceException, QueryException {
        JsonNode data = call("/api/v1/query_range?query=" + encode(promql) + "&start=" + seconds(start) + "&end="
                + seconds(end) + "&step=" + step.toMillis() / 1000.0);
        List<RangeSeries> out = new ArrayList<>();
        for (JsonNode s : data.get("result")) {
            List<double[]> samples = new ArrayList<>();
            for (JsonNode v : s.get("values")) {
                samples.add(new double[] {v.get(0).asDouble(), number(v.get(1))});
            }
            out.add(new RangeSeries(labels(s.get("metric")), samples));
        }
        return out;
    }

    private JsonNode call(String pathAndQuery) throws SourceException, QueryException {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(config.url().replaceAll("/+$", "") + pathAndQuery))
                .timeout(config.timeout()).GET();
        if (authorization != null) {
            req.header("Authorization", authorization);
        }
        HttpResponse<String> resp;
        try {
            resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SourceException("Prometheus at " + io.driftwatch.util.Redact.url(config.url()) + " is unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException("interrupted", e);
        }
        return data(resp);
    }

    private JsonNode data(HttpResponse<String> resp) throws SourceException, QueryException {
        int code = resp.statusCode();
        if (code == 401 || code == 403) {
            throw new SourceException("Prometheus refused the credentials (HTTP " + code + ")", null);
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(resp.body());
        } catch (JacksonException e) {
            throw new SourceException("Prometheus answered HTTP " + code + " without JSON", e);
        }
        if (code == 400 || code == 422) {
            throw new QueryException(body.path("errorType").asString("") + ": " + body.path("error").asString(""));
        }
        if (code / 100 != 2 || !"success".equals(body.path("status").asString(""))) {
            throw new SourceException("Prometheus answered HTTP " + code + ": " + body.path("error").asString(""), null);
        }
        return body.get("data");
    }

    private static Map<String, String> labels(JsonNode metric) {
        Map<String, String> out = new LinkedHashMap<>();
        metric.properties().forEach(e -> out.put(e.getKey(), e.getValue().asString()));
        return out;
    }

    /** Prometheus writes sample values as strings, including NaN and ±Inf. */
    private static double number(JsonNode v) {
        String s = v.asString();
        return switch (s) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String seconds(Instant t) {
        return Long.toString(t.getEpochSecond()) + "." + String.format("%03d", t.getNano() / 1_000_000);
    }

    private static String authorization(PrometheusConfig c) throws SourceException {
        if (c.bearerTokenEnv() != null) {
            return "Bearer " + env(c.bearerTokenEnv());
        }
        if (c.usernameEnv() != null) {
            String pair = env(c.usernameEnv()) + ":" + env(c.passwordEnv());
            return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }

    private static String env(String name) throws SourceException {
        String v = System.getenv(name);
        if (v == null) {
            throw new SourceException("environment variable " + name + " (Prometheus credentials) is not set", null);
        }
        return v;
    }

    private static SSLContext sslContext(PrometheusConfig c) throws SourceException {
        try {
            return TlsContexts.trusting(c.caFile());
        } catch (IOException | GeneralSecurityException e) {
            throw new SourceException("cannot load the CA file " + c.caFile() + ": " + e.getMessage(), e);
        }
    }
}
