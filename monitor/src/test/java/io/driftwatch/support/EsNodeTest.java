package io.driftwatch.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.util.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The test Elasticsearch node serves real indexing and search over HTTP on loopback. */
class EsNodeTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, String path, String body, String type) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(EsNode.get().url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", type);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void indexesAndSearchesPredictionDocuments() throws Exception {
        assertThat(send("GET", "/_cluster/health?wait_for_status=yellow&timeout=30s", null, null).body())
                .containsPattern("\"status\":\"(green|yellow)\"").contains("\"number_of_nodes\":1");
        assertThat(send("PUT", "/predictions-smoke", "{\"settings\":{\"number_of_replicas\":0},\"mappings\":{\"properties\":{\"@timestamp\":{\"type\":\"date\"},"
                + "\"model\":{\"type\":\"keyword\"},\"input\":{\"properties\":{\"x\":{\"type\":\"double\"}}}}}}",
                "application/json").statusCode()).isEqualTo(200);
        String bulk = """
                {"index":{}}
                {"@timestamp":"2026-11-28T10:00:00Z","model":"m","input":{"x":1.5}}
                {"index":{}}
                {"@timestamp":"2026-11-28T10:00:01Z","model":"m","input":{"x":2.5}}
                {"index":{}}
                {"@timestamp":"2026-11-28T10:00:02Z","model":"other","input":{"x":9}}
                """;
        assertThat(send("POST", "/predictions-smoke/_bulk?refresh=true", bulk, "application/x-ndjson").body())
                .contains("\"errors\":false");
        String search = send("POST", "/predictions-smoke/_search", "{\"size\":0,\"query\":{\"term\":{\"model\":\"m\"}},"
                + "\"aggs\":{\"x\":{\"stats\":{\"field\":\"input.x\"}}}}", "application/json").body();
        var r = Json.MAPPER.readTree(search);
        assertThat(r.get("hits").get("total").get("value").asInt()).isEqualTo(2);
        assertThat(r.get("aggregations").get("x").get("avg").asDouble()).isEqualTo(2.0);
    }
}
