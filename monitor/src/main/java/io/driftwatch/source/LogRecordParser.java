package io.driftwatch.source;

import io.driftwatch.config.FieldMapping;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns one structured-log line into a {@link PredictionRecord}, or says why it cannot. Timestamps are
 * read by {@link Timestamps}: ISO-8601 (without a zone: UTC, said once in the log) or an epoch in the
 * configured unit ({@code source.fields.timestamp_unit}, ms by default).
 */
public final class LogRecordParser {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LogRecordParser.class);

    private final FieldMapping fields;
    private final FastRecordParser fast;
    /** Whether timestamps without a zone were already said to be read as UTC (once per source). */
    private volatile boolean warnedNaive;

    public LogRecordParser(FieldMapping fields) {
        this.fields = fields;
        this.fast = new FastRecordParser(fields, JSON);
    }

    /** The outcome of parsing one line: a record, or the reason it was skipped. */
    public sealed interface Parsed {
    }

    /** A usable record. */
    public record Ok(PredictionRecord record) implements Parsed {
    }

    /** A skipped line, with a reason for the metric and a detail for the log. */
    public record Skipped(SkipReason reason, String detail) implements Parsed {
    }

    /** A line: the common shape read as a token stream ({@link FastRecordParser}), anything else as a tree. */
    public Parsed parse(String line) {
        PredictionRecord quick = fast.parse(line);
        return quick != null ? new Ok(quick) : parseTree(line);
    }

    /** A line held as UTF-8 bytes (a trailing carriage return already cut), as {@link #parse(String)}. */
    public Parsed parse(byte[] bytes, int offset, int length) {
        PredictionRecord quick = fast.parse(bytes, offset, length);
        return quick != null ? new Ok(quick) : parseTree(new String(bytes, offset, length, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A line read as a JSON tree: every shape, every reason to skip. */
    Parsed parseTree(String line) {
        JsonNode doc;
        try {
            doc = JSON.readTree(line);
        } catch (JacksonException e) {
            return new Skipped(SkipReason.MALFORMED_JSON, e.getOriginalMessage());
        }
        if (doc == null || !doc.isObject()) {
            return new Skipped(SkipReason.NOT_AN_OBJECT, "a JSON object per line is expected");
        }
        return parse(doc);
    }

    /** Parses a document already read as JSON (e.g. an Elasticsearch hit's _source). */
    public Parsed parse(JsonNode doc) {
        JsonNode ts = doc.get(fields.timestamp());
        if (ts == null || ts.isNull()) {
            return new Skipped(SkipReason.MISSING_TIMESTAMP, "no '" + fields.timestamp() + "' field");
        }
        Timestamps.Read time = Timestamps.read(ts, fields.timestampUnit());
        if (time.at() == null) {
            return new Skipped(SkipReason.BAD_TIMESTAMP, "'" + fields.timestamp() + "' " + time.problem());
        }
        if (time.naive() && !warnedNaive) {
            warnedNaive = true;
            LOG.warn("timestamps in '{}' have no zone (such as {}): they are read as UTC; write them with Z or an "
                    + "offset to say otherwise", fields.timestamp(), ts.asString());
        }
        Instant at = time.at();
        JsonNode input = doc.get(fields.input());
        if (input == null || input.isNull()) {
            return new Skipped(SkipReason.MISSING_INPUT, "no '" + fields.input() + "' field");
        }
        if (!input.isObject()) {
            return new Skipped(SkipReason.INPUT_NOT_AN_OBJECT, "'" + fields.input() + "' is not an object");
        }
        JsonNode latency = doc.get(fields.latency());
        if (latency != null && !latency.isNull() && !latency.isNumber()) {
            return new Skipped(SkipReason.BAD_FIELD_TYPE, "'" + fields.latency() + "' is not a number");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        input.properties().forEach(e -> values.put(e.getKey(), field(e.getValue())));
        return new Ok(new PredictionRecord(at, text(doc.get(fields.model())), text(doc.get(fields.version())),
                values, field(doc.get(fields.prediction())), value(doc.get(fields.label())),
                latency == null || latency.isNull() ? null : number(latency),
                text(doc.get(fields.requestId()))));
    }

    private static String text(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        return n.isValueNode() ? n.asString() : n.toString();
    }

    /**
     * A feature or prediction value: a scalar as {@link #value}, but an object, an array or a number beyond
     * a double's range as a {@link BadValue}, which the drift stage counts as {@code bad_field_type}.
     */
    static Object field(JsonNode n) {
        if (n != null && n.isContainer()) {
            return new BadValue(n.isObject() ? "an object where a value is expected" : "an array where a value is expected");
        }
        if (n != null && n.isNumber() && !Double.isFinite(number(n))) {
            return new BadValue("a number beyond a double's range: " + n.asString());
        }
        return value(n);
    }

    /** A JSON number as a double; one beyond a double's range is ±Infinity (Jackson would throw). */
    static double number(JsonNode n) {
        if (n.isBigInteger()) {
            return n.bigIntegerValue().doubleValue();
        }
        return n.isBigDecimal() ? n.decimalValue().doubleValue() : n.doubleValue();
    }

    /** A JSON scalar as Double, String or Boolean; containers keep their JSON text; null stays null. */
    public static Object value(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isNumber()) {
            return number(n);
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        return n.isString() ? n.stringValue() : n.toString();
    }
}
