package io.driftwatch.source.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.driftwatch.config.SourceConfig;
import io.driftwatch.source.AggregatePlan;
import io.driftwatch.source.AggregatingSource;
import io.driftwatch.source.Aggregates;
import io.driftwatch.source.LogRecordParser;
import io.driftwatch.source.PredictionRecord;
import io.driftwatch.source.SkipReason;
import io.driftwatch.source.SourceException;
import io.driftwatch.source.TimeRange;
import io.driftwatch.source.WindowData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Prediction logs in Elasticsearch. Pull mode reads the window's documents raw ({@link EsPager}); a
 * document with a missing or mistyped field is skipped and counted by reason. Pushdown mode counts the
 * window in the cluster ({@link Pushdown}). Labels come from the documents or a labels index
 * ({@link LabelJoin}). An unreachable cluster, refused credentials, a missing index or a timeout is a
 * {@link SourceException}.
 */
public final class ElasticsearchSource implements AggregatingSource, AutoCloseable {
    private final ElasticsearchSourceConfig config;
    private final ElasticsearchClient client;
    private final LogRecordParser parser;
    private final EsQueries queries;
    private final EsPager pager;
    private final Pushdown pushdown;
    private final LabelJoin labels;

    public ElasticsearchSource(ElasticsearchSourceConfig config) throws SourceException {
        this.config = config;
        this.client = EsClients.create(config);
        this.parser = new LogRecordParser(config.fields());
        this.queries = new EsQueries(config);
        this.pager = new EsPager(client, config.batchSize(), config.timeout());
        this.pushdown = new Pushdown(client, queries, config.index(), config.timeout());
        this.labels = new LabelJoin(config, queries, pager);
    }

    @Override
    public WindowData read(TimeRange range) throws SourceException {
        return queries.call("search", () -> {
            WindowData raw = pull(queries.window(range));
            return new WindowData(LabelJoin.attach(raw.records(), labels.labels(range)), raw.skipped());
        });
    }

    @Override
    public WindowData readAll() throws SourceException {
        return queries.call("search", () -> pull(queries.all()));
    }

    private WindowData pull(Query query) throws IOException {
        List<PredictionRecord> records = new ArrayList<>();
        Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
        pager.forEach(config.index(), query, config.fields().timestamp(), List.of(), doc -> {
            LogRecordParser.Parsed parsed = doc == null
                    ? new LogRecordParser.Skipped(SkipReason.NOT_AN_OBJECT, "no _source") : parser.parse(doc);
            if (parsed instanceof LogRecordParser.Ok ok) {
                records.addAll(ok.records());
            } else {
                skipped.merge(((LogRecordParser.Skipped) parsed).reason(), 1L, Long::sum);
            }
        });
        return new WindowData(records, skipped);
    }

    @Override
    public Map<String, Long> versions(TimeRange range) throws SourceException {
        return queries.call("version count", () -> pushdown.versions(range, config.fields().version()));
    }

    @Override
    public boolean mayPushdown() {
        return config.pushdown().mode() != ElasticsearchSourceConfig.Mode.PULL;
    }

    @Override
    public boolean pushdown(long documents) {
        return switch (config.pushdown().mode()) {
            case PULL -> false;
            case PUSHDOWN -> true;
            case AUTO -> documents > config.pushdown().above();
        };
    }

    @Override
    public List<String> topValues(TimeRange range, String field, int n) throws SourceException {
        return queries.call("segment terms", () -> pushdown.topValues(range, field, n));
    }

    @Override
    public Aggregates aggregate(TimeRange range, AggregatePlan plan) throws SourceException {
        return queries.call("aggregation", () -> pushdown.aggregate(range, plan));
    }

    @Override
    public List<PredictionRecord> labelled(TimeRange range) throws SourceException {
        return queries.call("labels search", () -> labels.labelled(range));
    }

    @Override
    public List<PredictionRecord> predictions(TimeRange range, List<String> versions) throws SourceException {
        return queries.call("predictions search", () -> {
            List<PredictionRecord> out = new ArrayList<>();
            labels.lean(queries.versions(range, versions), out);
            return out;
        });
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
