package io.driftwatch.source.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.Time;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Reads every document a query matches: one point-in-time over the index pattern, pages of a bounded
 * size sorted by a field and {@code _shard_doc}, continued with search_after (no deep paging, no scroll).
 */
final class EsPager {
    private static final Time KEEP_ALIVE = Time.of(t -> t.time("2m"));

    private final ElasticsearchClient client;
    private final int pageSize;
    private final String timeout;

    EsPager(ElasticsearchClient client, int pageSize, java.time.Duration timeout) {
        this.client = client;
        this.pageSize = pageSize;
        this.timeout = timeout.toMillis() + "ms";
    }

    /** Hands each hit's _source (null when absent) to {@code each}; {@code includes} empty = whole source. */
    void forEach(String index, Query query, String sortField, List<String> includes, Consumer<JsonNode> each)
            throws IOException {
        String pit = client.openPointInTime(p -> p.index(index).keepAlive(KEEP_ALIVE)).id();
        try {
            List<FieldValue> after = null;
            while (true) {
                List<Hit<JsonNode>> hits = page(pit, query, sortField, includes, after).hits().hits();
                hits.forEach(h -> each.accept(h.source()));
                if (hits.size() < pageSize) {
                    return;
                }
                after = hits.get(hits.size() - 1).sort();
            }
        } finally {
            close(pit);
        }
    }

    private SearchResponse<JsonNode> page(String pit, Query query, String sortField, List<String> includes,
                                          List<FieldValue> after) throws IOException {
        return client.search(s -> {
            s.pit(p -> p.id(pit).keepAlive(KEEP_ALIVE)).query(query).size(pageSize)
                    .sort(o -> o.field(f -> f.field(sortField).order(SortOrder.Asc)))
                    .sort(o -> o.field(f -> f.field("_shard_doc").order(SortOrder.Asc)))
                    .timeout(timeout).trackTotalHits(t -> t.enabled(false));
            if (!includes.isEmpty()) {
                s.source(src -> src.filter(f -> f.includes(includes)));
            }
            return after == null ? s : s.searchAfter(after);
        }, JsonNode.class);
    }

    private void close(String pit) {
        try {
            client.closePointInTime(c -> c.id(pit));
        } catch (IOException | RuntimeException e) {
            // the point in time expires by itself after its keep-alive
        }
    }
}
