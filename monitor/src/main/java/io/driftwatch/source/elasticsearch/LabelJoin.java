package io.driftwatch.source.elasticsearch;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.driftwatch.config.FieldMapping;
import io.driftwatch.config.SourceConfig;
import io.driftwatch.source.LogRecordParser;
import io.driftwatch.source.PredictionRecord;
import io.driftwatch.source.TimeRange;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Model quality's ground truth: labels on the prediction documents, or labels written later to their
 * own index and joined to the predictions by request id.
 */
final class LabelJoin {
    /** Request ids per terms query when fetching the predictions of joined labels. */
    private static final int CHUNK = 5_000;

    private final ElasticsearchSourceConfig config;
    private final EsQueries queries;
    private final EsPager pager;

    LabelJoin(ElasticsearchSourceConfig config, EsQueries queries, EsPager pager) {
        this.config = config;
        this.queries = queries;
        this.pager = pager;
    }

    /** Labels from the labels index written since the window began, by request id; empty without one. */
    Map<String, Object> labels(TimeRange window) throws IOException {
        ElasticsearchSourceConfig.LabelsIndex l = config.labels();
        Map<String, Object> out = new HashMap<>();
        if (l == null) {
            return out;
        }
        Query since = EsQueries.timeFilter(l.timestamp(), new TimeRange(window.from(), Instant.now().plusSeconds(86_400)));
        pager.forEach(l.index(), since, l.timestamp(), List.of(l.requestId(), l.label()), doc -> {
            Object id = doc == null ? null : LogRecordParser.value(doc.get(l.requestId()));
            Object label = doc == null ? null : LogRecordParser.value(doc.get(l.label()));
            if (id != null && label != null) {
                out.put(id.toString(), label);
            }
        });
        return out;
    }

    /** Records without a label of their own get the joined one. */
    static List<PredictionRecord> attach(List<PredictionRecord> records, Map<String, Object> labels) {
        if (labels.isEmpty()) {
            return records;
        }
        List<PredictionRecord> out = new ArrayList<>(records.size());
        for (PredictionRecord r : records) {
            Object joined = r.label() == null && r.requestId() != null ? labels.get(r.requestId()) : null;
            out.add(joined == null ? r : new PredictionRecord(r.timestamp(), r.model(), r.version(), r.input(),
                    r.prediction(), joined, r.latencyMs(), r.requestId()));
        }
        return out;
    }

    /** The window's labelled predictions, without their inputs: labels on documents, then joined ones. */
    List<PredictionRecord> labelled(TimeRange window) throws IOException {
        FieldMapping f = config.fields();
        List<PredictionRecord> out = new ArrayList<>();
        Query onDocument = Query.of(q -> q.bool(b -> b.filter(queries.window(window))
                .filter(e -> e.exists(x -> x.field(f.label())))));
        lean(onDocument, out);
        Map<String, Object> joined = labels(window);
        List<String> ids = new ArrayList<>(joined.keySet());
        List<PredictionRecord> unlabelled = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += CHUNK) {
            List<FieldValue> chunk = ids.subList(i, Math.min(ids.size(), i + CHUNK)).stream().map(FieldValue::of).toList();
            Query byId = Query.of(q -> q.bool(b -> b.filter(queries.window(window))
                    .filter(t -> t.terms(x -> x.field(f.requestId() + config.pushdown().keywordSuffix())
                            .terms(v -> v.value(chunk))))
                    .mustNot(e -> e.exists(x -> x.field(f.label())))));
            lean(byId, unlabelled);
        }
        out.addAll(attach(unlabelled, joined));
        return out;
    }

    /** Records with only timestamp, version, prediction, label and request id. */
    void lean(Query query, List<PredictionRecord> out) throws IOException {
        FieldMapping f = config.fields();
        pager.forEach(config.index(), query, f.timestamp(),
                List.of(f.timestamp(), f.version(), f.prediction(), f.label(), f.requestId()), doc -> {
                    if (doc != null) {
                        out.add(new PredictionRecord(null, config.modelValue(), text(doc.get(f.version())), Map.of(),
                                LogRecordParser.value(doc.get(f.prediction())), LogRecordParser.value(doc.get(f.label())),
                                null, text(doc.get(f.requestId()))));
                    }
                });
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asString();
    }
}
