package io.driftwatch.source.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.transport.TransportException;
import io.driftwatch.config.SourceConfig;
import io.driftwatch.source.SourceException;
import io.driftwatch.source.TimeRange;
import java.io.IOException;
import java.util.List;

/** The queries and field paths every Elasticsearch read shares, and the translation of its failures. */
final class EsQueries {
    private final ElasticsearchSourceConfig config;

    EsQueries(ElasticsearchSourceConfig config) {
        this.config = config;
    }

    /** This model's documents (of its configured version, if any) whose timestamp falls in the range. */
    Query window(TimeRange range) {
        if (config.versionValue() == null) {
            return modelWindow(range);
        }
        return Query.of(q -> q.bool(b -> b.filter(modelWindow(range)).filter(f -> f.term(t -> t
                .field(config.fields().version()).value(FieldValue.of(config.versionValue()))))));
    }

    private Query modelWindow(TimeRange range) {
        return Query.of(q -> q.bool(b -> b.filter(timeFilter(config.fields().timestamp(), range)).filter(model())));
    }

    /** This model's documents, whatever their time. */
    Query all() {
        return model();
    }

    /** The window restricted to some versions. */
    Query versions(TimeRange range, List<String> versions) {
        List<FieldValue> values = versions.stream().map(FieldValue::of).toList();
        return Query.of(q -> q.bool(b -> b.filter(modelWindow(range))
                .filter(f -> f.terms(t -> t.field(config.fields().version()).terms(v -> v.value(values))))));
    }

    static Query timeFilter(String field, TimeRange range) {
        return Query.of(f -> f.range(r -> r.date(d -> d.field(field)
                .gte(range.from().toString()).lt(range.to().toString()))));
    }

    private Query model() {
        return Query.of(f -> f.term(t -> t.field(config.fields().model()).value(FieldValue.of(config.modelValue()))));
    }

    /** The document path of an input field, or of the prediction when {@code field} is null. */
    String path(String field) {
        return field == null ? config.fields().prediction() : config.fields().input() + "." + field;
    }

    /** The path terms aggregations use: keyword sub-field for text. */
    String termsPath(String field, boolean numeric) {
        return numeric ? path(field) : path(field) + config.pushdown().keywordSuffix();
    }

    /** A call to the cluster. */
    interface Call<T> {
        T run() throws IOException;
    }

    /** Runs a call, turning every way it can fail into a {@link SourceException} that says why. */
    <T> T call(String what, Call<T> call) throws SourceException {
        try {
            return call.run();
        } catch (ElasticsearchException e) {
            throw new SourceException("Elasticsearch refused the " + what + " on " + config.index() + ": "
                    + e.error().type() + ": " + e.error().reason(), e);
        } catch (TransportException e) {
            throw new SourceException("Elasticsearch at " + config.hosts() + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SourceException("Elasticsearch at " + config.hosts() + " is unreachable: " + e, e);
        }
    }
}
