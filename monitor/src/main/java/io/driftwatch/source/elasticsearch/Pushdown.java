package io.driftwatch.source.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.AggregationRange;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.driftwatch.source.AggregatePlan;
import io.driftwatch.source.Aggregates;
import io.driftwatch.source.TimeRange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts a window inside Elasticsearch in one search: {@code range} aggregations on the plan's edges (with
 * min, max and missing), {@code terms} aggregations for categories, and the same under a {@code filter}
 * aggregation per segment value.
 */
final class Pushdown {
    private final ElasticsearchClient client;
    private final EsQueries queries;
    private final String index;
    private final String timeout;

    Pushdown(ElasticsearchClient client, EsQueries queries, String index, java.time.Duration timeout) {
        this.client = client;
        this.queries = queries;
        this.index = index;
        this.timeout = timeout.toMillis() + "ms";
    }

    /** Documents per version in the window (documents without a version are left out). */
    Map<String, Long> versions(TimeRange range, String versionField) throws IOException {
        SearchResponse<Void> r = client.search(s -> s.index(index).size(0).query(queries.window(range)).timeout(timeout)
                .aggregations("v", a -> a.terms(t -> t.field(versionField).size(100))), Void.class);
        Map<String, Long> out = new LinkedHashMap<>();
        r.aggregations().get("v").sterms().buckets().array()
                .forEach(b -> out.put(b.key().stringValue(), b.docCount()));
        return out;
    }

    List<String> topValues(TimeRange range, String field, int n) throws IOException {
        SearchResponse<Void> r = client.search(s -> s.index(index).size(0).query(queries.window(range)).timeout(timeout)
                .aggregations("top", a -> a.terms(t -> t.field(queries.termsPath(field, false)).size(n))), Void.class);
        return r.aggregations().get("top").sterms().buckets().array().stream().map(b -> b.key().stringValue()).toList();
    }

    Aggregates aggregate(TimeRange range, AggregatePlan plan) throws IOException {
        Map<String, Aggregation> aggs = new HashMap<>(columnAggs(plan.columns()));
        List<String> segments = new ArrayList<>(plan.segments().keySet());
        for (int i = 0; i < segments.size(); i++) {
            Query filter = segmentFilter(plan, segments.get(i));
            List<AggregatePlan.Column> columns = plan.segments().get(segments.get(i));
            aggs.put("seg" + i, Aggregation.of(a -> a.filter(filter).aggregations(columnAggs(columns))));
        }
        SearchResponse<Void> r = client.search(s -> s.index(index).size(0).query(queries.window(range)).timeout(timeout)
                .trackTotalHits(t -> t.enabled(true)).aggregations(aggs), Void.class);
        Map<String, Map<String, Aggregates.Counts>> bySegment = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String s = segments.get(i);
            var seg = r.aggregations().get("seg" + i).filter();
            bySegment.put(s, read(seg.aggregations(), plan.segments().get(s), seg.docCount()));
        }
        long documents = r.hits().total() == null ? 0 : r.hits().total().value();
        return new Aggregates(documents, read(r.aggregations(), plan.columns(), documents), bySegment);
    }

    /** One segment value's documents, or for {@code other} those with none of the listed values. */
    private Query segmentFilter(AggregatePlan plan, String segment) {
        String path = queries.termsPath(plan.segmentField(), false);
        if (!AggregatePlan.OTHER.equals(segment)) {
            return Query.of(q -> q.term(t -> t.field(path).value(segment)));
        }
        List<FieldValue> listed = plan.segments().keySet().stream().filter(k -> !AggregatePlan.OTHER.equals(k))
                .map(FieldValue::of).toList();
        return Query.of(q -> q.bool(b -> b.mustNot(m -> m.terms(t -> t.field(path).terms(v -> v.value(listed))))));
    }

    private Map<String, Aggregation> columnAggs(List<AggregatePlan.Column> columns) {
        Map<String, Aggregation> out = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            AggregatePlan.Column c = columns.get(i);
            String key = "c" + i;
            if (c instanceof AggregatePlan.Ranges r) {
                String path = queries.path(c.field());
                out.put(key, Aggregation.of(a -> a.range(g -> g.field(path).ranges(ranges(r.edges())))));
                // one pass for count, min and max: missing = documents - count
                out.put(key + "_stats", Aggregation.of(a -> a.stats(m -> m.field(path))));
            } else {
                AggregatePlan.Terms t = (AggregatePlan.Terms) c;
                String path = queries.termsPath(c.field(), t.numeric());
                out.put(key, Aggregation.of(a -> a.terms(x -> x.field(path).size(t.size()).shardSize(t.size() * 2 + 10))));
                out.put(key + "_missing", Aggregation.of(a -> a.missing(m -> m.field(path))));
            }
        }
        return out;
    }

    /** [−∞, e0), [e0, e1), …, [e_last, ∞): ES counts {@code from} inclusive and {@code to} exclusive. */
    static List<AggregationRange> ranges(double[] edges) {
        List<AggregationRange> out = new ArrayList<>(edges.length + 1);
        if (edges.length == 0) {
            out.add(AggregationRange.of(r -> r.from(-Double.MAX_VALUE)));
            return out;
        }
        out.add(AggregationRange.of(r -> r.to(edges[0])));
        for (int i = 1; i < edges.length; i++) {
            double from = edges[i - 1];
            double to = edges[i];
            out.add(AggregationRange.of(r -> r.from(from).to(to)));
        }
        out.add(AggregationRange.of(r -> r.from(edges[edges.length - 1])));
        return out;
    }

    private static Map<String, Aggregates.Counts> read(Map<String, Aggregate> aggs, List<AggregatePlan.Column> columns,
                                                       long documents) {
        Map<String, Aggregates.Counts> out = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            AggregatePlan.Column c = columns.get(i);
            String key = "c" + i;
            if (c instanceof AggregatePlan.Ranges r) {
                var stats = aggs.get(key + "_stats").stats();
                long missing = documents - stats.count();
                long[] counts = aggs.get(key).range().buckets().array().stream()
                        .mapToLong(b -> b.docCount()).toArray();
                out.put(c.name(), new Aggregates.RangeCounts(r.edges(), counts, value(stats.min()), value(stats.max()),
                        missing));
            } else {
                out.put(c.name(), terms(aggs.get(key), aggs.get(key + "_missing").missing().docCount()));
            }
        }
        return out;
    }

    private static double value(Double v) {
        return v == null ? Double.NaN : v;
    }

    private static Aggregates.TermCounts terms(Aggregate a, long missing) {
        Map<String, Long> counts = new HashMap<>();
        long rest;
        if (a.isSterms()) {
            a.sterms().buckets().array().forEach(b -> counts.put(b.key().stringValue(), b.docCount()));
            rest = a.sterms().sumOtherDocCount() == null ? 0 : a.sterms().sumOtherDocCount();
        } else if (a.isDterms()) {
            a.dterms().buckets().array().forEach(b -> counts.put(Double.toString(b.key()), b.docCount()));
            rest = a.dterms().sumOtherDocCount() == null ? 0 : a.dterms().sumOtherDocCount();
        } else if (a.isLterms()) {
            a.lterms().buckets().array().forEach(b -> counts.put(Double.toString(b.key()), b.docCount()));
            rest = a.lterms().sumOtherDocCount() == null ? 0 : a.lterms().sumOtherDocCount();
        } else {
            rest = 0; // unmapped field: no values
        }
        return new Aggregates.TermCounts(counts, rest, missing);
    }
}
