package io.driftwatch.source.store;

import io.driftwatch.source.LogRecordParser;
import io.driftwatch.source.PredictionRecord;
import io.driftwatch.source.PredictionSource;
import io.driftwatch.source.SkipReason;
import io.driftwatch.source.SourceException;
import io.driftwatch.source.TimeRange;
import io.driftwatch.source.WindowData;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A model's records from the ingest table: each request event's rows (KServe v1 {@code instances} or Open
 * Inference Protocol {@code inputs}) with the predictions of its response ({@code predictions} or
 * {@code outputs}, same id), read as the log reader reads a batch line. A request whose response has not
 * come (yet) is read without prediction, its inputs still count; once it is older than the join timeout
 * (at the window's end) it is counted, once, as {@code response_missing}. Any replica reads the same rows.
 */
final class StoreSource implements PredictionSource {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final StoreSourceConfig config;
    private final IngestEvents events;
    private final Clock clock;
    private final LogRecordParser parser;

    StoreSource(StoreSourceConfig config, IngestEvents events, Clock clock) {
        this.config = config;
        this.events = events;
        this.clock = clock;
        this.parser = new LogRecordParser(config.fields());
    }

    @Override
    public WindowData read(TimeRange range) throws SourceException {
        Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
        List<PredictionRecord> records = new ArrayList<>();
        try {
            Instant now = range.to().equals(Instant.MAX) ? clock.instant() : range.to();
            int marked = events.sweep(config.service(), config.namespace(), now.minus(config.joinTimeout()));
            if (marked > 0) {
                skipped.put(SkipReason.RESPONSE_MISSING, (long) marked);
            }
            Instant from = range.from().equals(Instant.MIN) ? Instant.EPOCH : range.from();
            Instant to = range.to().equals(Instant.MAX) ? clock.instant().plusSeconds(86_400) : range.to();
            for (IngestEvents.Joined j : events.read(config.service(), config.namespace(), from, to)) {
                LogRecordParser.Parsed p = parse(j);
                if (p instanceof LogRecordParser.Ok ok) {
                    records.addAll(ok.records());
                } else if (p instanceof LogRecordParser.Skipped s) {
                    skipped.merge(s.reason(), 1L, Long::sum);
                }
            }
        } catch (SQLException e) {
            throw new SourceException("cannot read the ingested records of " + config.service() + " from the store: "
                    + e.getMessage(), e);
        }
        return new WindowData(records, skipped);
    }

    @Override
    public WindowData readAll() throws SourceException {
        return read(new TimeRange(Instant.MIN, Instant.MAX));
    }

    /** The request's body with the response's fields beside it, read as one batch line at the request's time. */
    private LogRecordParser.Parsed parse(IngestEvents.Joined j) {
        try {
            JsonNode request = JSON.readTree(j.request());
            if (!(request instanceof ObjectNode doc)) {
                return new LogRecordParser.Skipped(SkipReason.NOT_AN_OBJECT, "event " + j.id() + ": not a JSON object");
            }
            JsonNode response = j.response() == null ? null : JSON.readTree(j.response());
            if (response != null && response.isObject()) {
                response.properties().forEach(e -> {
                    if (!doc.has(e.getKey())) {
                        doc.set(e.getKey(), e.getValue());
                    }
                });
            }
            doc.put("request_id", j.id());
            return parser.parse(doc, j.at());
        } catch (JacksonException e) {
            return new LogRecordParser.Skipped(SkipReason.MALFORMED_JSON, "event " + j.id() + ": " + e.getOriginalMessage());
        }
    }
}
