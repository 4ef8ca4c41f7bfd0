package io.driftwatch.source.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.Time;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.transport.TransportException;
import io.driftwatch.config.SourceConfig;
import io.driftwatch.source.LogRecordParser;
import io.driftwatch.source.PredictionRecord;
import io.driftwatch.source.PredictionSource;
import io.driftwatch.source.SkipReason;
import io.driftwatch.source.SourceException;
import io.driftwatch.source.TimeRange;
import io.driftwatch.source.WindowData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Prediction logs in Elasticsearch, pulled raw: one point-in-time over the index pattern, pages of
 * {@code batch_size} hits sorted by timestamp and {@code _shard_doc} and continued with search_after (no
 * deep paging, no scroll). A document with a missing or mistyped field is skipped and counted by reason.
 * An unreachable cluster, refused credentials, a missing index or a timeout is a {@link SourceException}.
 */
public final class ElasticsearchSource implements PredictionSource, AutoCloseable {
    private static final Time KEEP_ALIVE = Time.of(t -> t.time("2m"));

    private final SourceConfig.ElasticsearchSource config;
    private final ElasticsearchClient client;
    private final LogRecordParser parser;

    public ElasticsearchSource(SourceConfig.ElasticsearchSource config) throws SourceException {
        this.config = config;
        this.client = EsClients.create(config);
        this.parser = new LogRecordParser(config.fields());
    }

    @Override
    public WindowData read(TimeRange range) throws SourceException {
        return pull(Query.of(q -> q.bool(b -> b
                .filter(f -> f.range(r -> r.date(d -> d.field(config.fields().timestamp())
                        .gte(range.from().toString()).lt(range.to().toString()))))
                .filter(f -> f.term(t -> t.field(config.fields().model()).value(FieldValue.of(config.modelValue())))))));
    }

    @Override
    public WindowData readAll() throws SourceException {
        return pull(Query.of(q -> q.term(t -> t.field(config.fields().model()).value(FieldValue.of(config.modelValue())))));
    }

    private WindowData pull(Query query) throws SourceException {
        String pit = null;
        try {
            pit = client.openPointInTime(p -> p.index(config.index()).keepAlive(KEEP_ALIVE)).id();
            return pages(pit, query);
        } catch (ElasticsearchException e) {
            throw new SourceException("Elasticsearch refused the query on " + config.index() + ": "
                    + e.error().type() + ": " + e.error().reason(), e);
        } catch (TransportException e) {
            throw new SourceException("Elasticsearch at " + config.hosts() + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SourceException("Elasticsearch at " + config.hosts() + " is unreachable: " + e, e);
        } finally {
            close(pit);
        }
    }

    private WindowData pages(String pit, Query query) throws IOException {
        List<PredictionRecord> records = new ArrayList<>();
        Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
        List<FieldValue> after = null;
        while (true) {
            final List<FieldValue> from = after;
            final String id = pit;
            SearchResponse<JsonNode> page = client.search(s -> {
                s.pit(p -> p.id(id).keepAlive(KEEP_ALIVE)).query(query).size(config.batchSize())
                        .sort(o -> o.field(f -> f.field(config.fields().timestamp()).order(SortOrder.Asc)))
                        .sort(o -> o.field(f -> f.field("_shard_doc").order(SortOrder.Asc)))
                        .timeout(config.timeout().toMillis() + "ms").trackTotalHits(t -> t.enabled(false));
                return from == null ? s : s.searchAfter(from);
            }, JsonNode.class);
            List<Hit<JsonNode>> hits = page.hits().hits();
            for (Hit<JsonNode> h : hits) {
                LogRecordParser.Parsed parsed = h.source() == null
                        ? new LogRecordParser.Skipped(SkipReason.NOT_AN_OBJECT, "no _source")
                        : parser.parse(h.source());
                if (parsed instanceof LogRecordParser.Ok ok) {
                    records.add(ok.record());
                } else {
                    skipped.merge(((LogRecordParser.Skipped) parsed).reason(), 1L, Long::sum);
                }
            }
            if (hits.size() < config.batchSize()) {
                return new WindowData(records, skipped);
            }
            after = hits.get(hits.size() - 1).sort();
        }
    }

    private void close(String pit) {
        if (pit == null) {
            return;
        }
        try {
            client.closePointInTime(c -> c.id(pit));
        } catch (IOException | RuntimeException e) {
            // the point in time expires by itself after its keep-alive
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }

}
