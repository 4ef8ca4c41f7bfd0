package io.driftwatch.source.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.config.FieldMapping;
import io.driftwatch.config.SourceConfig;
import io.driftwatch.source.PredictionRecord;
import io.driftwatch.source.SkipReason;
import io.driftwatch.source.SourceException;
import io.driftwatch.source.TimeRange;
import io.driftwatch.source.WindowData;
import io.driftwatch.support.EsNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pull mode against a real Elasticsearch node: point in time, search_after pages, skipped documents. */
class ElasticsearchSourceTest {
    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static final String INDEX = "predictions-pull";

    @BeforeAll
    static void index() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = EsNode.get().url();
        http.send(HttpRequest.newBuilder(URI.create(base + "/" + INDEX)).PUT(HttpRequest.BodyPublishers.ofString(
                "{\"settings\":{\"number_of_replicas\":0},\"mappings\":{\"dynamic\":false,\"properties\":{\"@timestamp\":{\"type\":\"date\"},"
                        + "\"model\":{\"type\":\"keyword\"},\"model_version\":{\"type\":\"keyword\"}}}}")).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            doc(bulk, "{\"@timestamp\":\"" + T0.plusSeconds(i) + "\",\"model\":\"m\",\"model_version\":\"4\","
                    + "\"input\":{\"x\":" + i + ",\"c\":\"a\"},\"prediction\":0.5}");
        }
        doc(bulk, "{\"@timestamp\":\"" + T0.plusSeconds(5) + "\",\"model\":\"other\",\"input\":{\"x\":99}}");
        doc(bulk, "{\"@timestamp\":\"" + T0.minusSeconds(3600) + "\",\"model\":\"m\",\"input\":{\"x\":-1}}");
        doc(bulk, "{\"@timestamp\":\"" + T0.plusSeconds(7) + "\",\"model\":\"m\",\"input\":\"not an object\"}");
        doc(bulk, "{\"@timestamp\":\"" + T0.plusSeconds(8) + "\",\"model\":\"m\"}");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/" + INDEX + "/_bulk?refresh=true"))
                .POST(HttpRequest.BodyPublishers.ofString(bulk.toString())).header("Content-Type", "application/x-ndjson")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).contains("\"errors\":false");
    }

    private static void doc(StringBuilder bulk, String json) {
        bulk.append("{\"index\":{}}\n").append(json).append('\n');
    }

    private static ElasticsearchSourceConfig config(String url, String index) throws Exception {
        return config(url, index, null);
    }

    private static ElasticsearchSourceConfig config(String url, String index, String version) throws Exception {
        return new ElasticsearchSourceConfig(List.of(url), index, null, null, null, null, null,
                Duration.ofSeconds(5), 10, FieldMapping.defaults(), "m", version,
                ElasticsearchSourceConfig.Pushdown.defaults(), null);
    }

    @Test
    void pullsTheWindowPageByPageAndCountsSkippedDocuments() throws Exception {
        try (ElasticsearchSource s = new ElasticsearchSource(config(EsNode.get().url(), "predictions-*"))) {
            WindowData w = s.read(new TimeRange(T0, T0.plusSeconds(60)));
            assertThat(w.records()).hasSize(25).extracting(PredictionRecord::version).containsOnly("4");
            assertThat(w.records()).extracting(r -> r.input().get("x"))
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 25).mapToObj(i -> (Object) (double) i).toList());
            assertThat(w.skipped()).containsOnly(java.util.Map.entry(SkipReason.INPUT_NOT_AN_OBJECT, 1L),
                    java.util.Map.entry(SkipReason.MISSING_INPUT, 1L));
            assertThat(s.readAll().records()).hasSize(26);
        }
    }

    @Test
    void aVersionValueFiltersTheWindowToThatVersion() throws Exception {
        TimeRange window = new TimeRange(T0, T0.plusSeconds(60));
        try (ElasticsearchSource four = new ElasticsearchSource(config(EsNode.get().url(), INDEX, "4"));
             ElasticsearchSource five = new ElasticsearchSource(config(EsNode.get().url(), INDEX, "5"))) {
            assertThat(four.read(window).records()).hasSize(25);
            assertThat(five.read(window).records()).isEmpty();
            assertThat(four.versions(window)).containsExactly(java.util.Map.entry("4", 25L));
        }
    }

    /** A backtest's pass: three hours of documents indexed out of order come back once each, in time order. */
    @Test
    void replayGivesEveryRecordOnceInTimeOrderAcrossItsRangeReads() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = EsNode.get().url();
        http.send(HttpRequest.newBuilder(URI.create(base + "/replay-test")).PUT(HttpRequest.BodyPublishers.ofString(
                "{\"settings\":{\"number_of_replicas\":0},\"mappings\":{\"dynamic\":false,\"properties\":{\"@timestamp\":"
                        + "{\"type\":\"date\"},\"model\":{\"type\":\"keyword\"}}}}")).header("Content-Type", "application/json")
                .build(), HttpResponse.BodyHandlers.ofString());
        StringBuilder bulk = new StringBuilder();
        java.util.List<Integer> order = new java.util.ArrayList<>(java.util.stream.IntStream.range(0, 360).boxed().toList());
        java.util.Collections.shuffle(order, new java.util.Random(5));
        for (int i : order) {
            doc(bulk, "{\"@timestamp\":\"" + T0.plusSeconds(30L * i) + "\",\"model\":\"m\",\"model_version\":\"4\","
                    + "\"input\":{\"x\":" + i + "},\"prediction\":0.5}");
        }
        doc(bulk, "{\"@timestamp\":\"" + T0.plusSeconds(4000) + "\",\"model\":\"m\",\"input\":\"not an object\"}");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/replay-test/_bulk?refresh=true"))
                .POST(HttpRequest.BodyPublishers.ofString(bulk.toString())).header("Content-Type", "application/x-ndjson")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).contains("\"errors\":false");
        try (ElasticsearchSource s = new ElasticsearchSource(config(base, "replay-test"))) {
            java.util.List<PredictionRecord> seen = new java.util.ArrayList<>();
            java.util.Map<SkipReason, Long> skipped = s.replay(new TimeRange(T0, T0.plusSeconds(3 * 3600)), seen::add);
            assertThat(seen).extracting(x -> x.input().get("x"))
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 360).mapToObj(i -> (Object) (double) i).toList());
            assertThat(skipped).containsOnly(java.util.Map.entry(SkipReason.INPUT_NOT_AN_OBJECT, 1L));
        }
    }

    @Test
    void aMissingIndexAndAnUnreachableClusterAreSourceErrors() throws Exception {
        try (ElasticsearchSource s = new ElasticsearchSource(config(EsNode.get().url(), "no-such-index"))) {
            assertThatThrownBy(() -> s.read(new TimeRange(T0, T0.plusSeconds(60)))).isInstanceOf(SourceException.class)
                    .hasMessageContaining("index_not_found");
        }
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try (ElasticsearchSource s = new ElasticsearchSource(config("http://127.0.0.1:" + closed, INDEX))) {
            assertThatThrownBy(() -> s.read(new TimeRange(T0, T0.plusSeconds(60)))).isInstanceOf(SourceException.class)
                    .hasMessageContaining("unreachable");
        }
    }
}
