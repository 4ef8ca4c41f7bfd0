package io.driftwatch.source.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.util.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a realistic prediction-log index into the test node: a reference period and a current window
 * in which feature x1 shifts for country DE only, production version "1" with a shadow version "2" on
 * most requests, labels on half the production documents and the other half's in a labels index.
 */
final class EsPredictionIndex {
    static final String[] COUNTRIES = {"US", "DE", "FR", "BR"};
    static final double[] COUNTRY_P = {0.5, 0.3, 0.15, 0.05};
    static final String[] COLORS = {"red", "green", "blue"};

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final StringBuilder bulk = new StringBuilder();

    EsPredictionIndex(String base) {
        this.base = base;
    }

    void create(String index, String properties) throws Exception {
        send("PUT", "/" + index, "{\"settings\":{\"number_of_replicas\":0,\"number_of_shards\":2},"
                + "\"mappings\":{\"properties\":{" + properties + "}}}", "application/json");
    }

    static String predictionMapping() {
        return "\"@timestamp\":{\"type\":\"date\"},\"model\":{\"type\":\"keyword\"},\"model_version\":{\"type\":\"keyword\"},"
                + "\"request_id\":{\"type\":\"keyword\"},\"prediction\":{\"type\":\"double\"},\"label\":{\"type\":\"double\"},"
                + "\"input\":{\"properties\":{\"x1\":{\"type\":\"double\"},\"x2\":{\"type\":\"double\"},"
                + "\"color\":{\"type\":\"keyword\"},\"country\":{\"type\":\"keyword\"},\"rating\":{\"type\":\"long\"}}}";
    }

    /** n requests between from and to; DE's x1 shifted by deShift; a shadow "2" on every 4th of 3 requests. */
    void requests(String index, String prefix, int n, Instant from, Instant to, double deShift, boolean labels,
                  long seed) throws Exception {
        Random r = new Random(seed);
        long span = to.toEpochMilli() - from.toEpochMilli();
        for (int i = 0; i < n; i++) {
            Instant at = Instant.ofEpochMilli(from.toEpochMilli() + span * i / n);
            String country = pick(r, COUNTRIES, COUNTRY_P);
            double x1 = r.nextGaussian() + ("DE".equals(country) ? deShift : 0);
            double x2 = r.nextGaussian();
            String color = pick(r, COLORS, new double[] {0.5, 0.3, 0.2});
            long rating = 1 + r.nextInt(5);
            double p = 1 / (1 + Math.exp(-x1));
            double label = r.nextDouble() < 1 / (1 + Math.exp(-x1 * 1.5)) ? 1 : 0;
            String id = prefix + i;
            Map<String, Object> doc = doc(at, "1", id, x1, x2, color, country, rating, p);
            if (labels && i % 2 == 0) {
                doc.put("label", label);
            }
            add(index, doc);
            if (labels && i % 2 == 1) {
                add("labels-" + index, Map.of("@timestamp", at.plusSeconds(60).toString(), "request_id", id, "label", label));
            }
            if (i % 4 != 0) {
                add(index, doc(at, "2", id, x1, x2, color, country, rating, 1 / (1 + Math.exp(-(x1 + 0.4)))));
            }
        }
    }

    private static Map<String, Object> doc(Instant at, String version, String id, double x1, double x2, String color,
                                           String country, long rating, double prediction) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@timestamp", at.toString());
        doc.put("model", "m");
        doc.put("model_version", version);
        doc.put("request_id", id);
        doc.put("input", Map.of("x1", x1, "x2", x2, "color", color, "country", country, "rating", rating));
        doc.put("prediction", prediction);
        return doc;
    }

    private static String pick(Random r, String[] values, double[] p) {
        double u = r.nextDouble();
        for (int i = 0; i < values.length; i++) {
            u -= p[i];
            if (u < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    void add(String index, Map<String, Object> doc) throws Exception {
        raw(index, Json.write(doc));
    }

    /** One document already written as JSON. */
    void raw(String index, String json) throws Exception {
        bulk.append("{\"index\":{\"_index\":\"").append(index).append("\"}}\n").append(json).append('\n');
        if (bulk.length() > 4_000_000) {
            sendBulk();
        }
    }

    private void sendBulk() throws Exception {
        if (bulk.length() > 0) {
            HttpResponse<String> r = send("POST", "/_bulk", bulk.toString(), "application/x-ndjson");
            assertThat(r.body()).contains("\"errors\":false");
            bulk.setLength(0);
        }
    }

    void flush() throws Exception {
        sendBulk();
        send("POST", "/_refresh", "", "application/json");
    }

    private HttpResponse<String> send(String method, String path, String body, String type) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).method(method,
                HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", type).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static List<String> countries() {
        return List.of(COUNTRIES);
    }
}
