package io.driftwatch.source;

import io.driftwatch.config.FieldMapping;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    /** Whether the fast reader may take a line (plain top-level fields); otherwise every line is a tree. */
    private final boolean flat;

    public LogRecordParser(FieldMapping fields) {
        this.fields = fields;
        this.fast = new FastRecordParser(fields, JSON);
        this.flat = fields.flat();
    }

    /** The outcome of parsing one line: a record, or the reason it was skipped. */
    public sealed interface Parsed {
    }

    /** Usable records: one, or one per row of a batch. */
    public record Ok(List<PredictionRecord> records) implements Parsed {
        public Ok {
            records = List.copyOf(records);
        }

        public Ok(PredictionRecord record) {
            this(List.of(record));
        }

        /** The first (for a line of one record, the) record. */
        public PredictionRecord record() {
            return records.get(0);
        }
    }

    /** Where a batch's rows are when {@code input} is not in the record: KServe v1 and Open Inference Protocol. */
    private static final List<List<String>> BATCH_FIELDS = List.of(List.of("instances", "predictions"),
            List.of("inputs", "outputs"));

    /** A skipped line, with a reason for the metric and a detail for the log. */
    public record Skipped(SkipReason reason, String detail) implements Parsed {
    }

    /** A line: the common shape read as a token stream ({@link FastRecordParser}), anything else as a tree. */
    public Parsed parse(String line) {
        PredictionRecord quick = flat ? fast.parse(line) : null;
        return quick != null ? new Ok(quick) : parseTree(line, null);
    }

    /**
     * A payload taken out of a wrapper (a CRI or Docker log line) whose own time {@code wrapperTime} is the
     * record's time when the payload has none.
     */
    public Parsed parse(String payload, Instant wrapperTime) {
        return wrapperTime == null ? parse(payload) : parseTree(payload, wrapperTime);
    }

    /** A line held as UTF-8 bytes (a trailing carriage return already cut), as {@link #parse(String)}. */
    public Parsed parse(byte[] bytes, int offset, int length) {
        return parse(bytes, offset, length, null);
    }

    /**
     * A payload held as UTF-8 bytes that came with a time of its own (a Kafka record's), which is the record's time
     * when the payload has none: the common shape takes the fast path, as a line does.
     */
    public Parsed parse(byte[] bytes, int offset, int length, Instant fallbackTime) {
        PredictionRecord quick = flat ? fast.parse(bytes, offset, length) : null;
        return quick != null ? new Ok(quick) : parseTree(bytes, offset, length, fallbackTime);
    }

    /**
     * The common shape read straight into {@code row} (no record, map or boxed number made); false when the payload
     * is not that shape, and {@link #parseTree(byte[], int, int, Instant)} decides.
     */
    public boolean parseInto(byte[] bytes, int offset, int length, RecordRow row) {
        return flat && fast.parse(bytes, offset, length, row);
    }

    /** A payload read as a JSON tree, as {@link #parse(byte[], int, int, Instant)} does when the fast path declines. */
    public Parsed parseTree(byte[] bytes, int offset, int length, Instant fallbackTime) {
        return parseTree(new String(bytes, offset, length, java.nio.charset.StandardCharsets.UTF_8), fallbackTime);
    }

    /** A line read as a JSON tree: every shape, every reason to skip. */
    Parsed parseTree(String line) {
        return parseTree(line, null);
    }

    private Parsed parseTree(String line, Instant wrapperTime) {
        JsonNode doc;
        try {
            doc = JSON.readTree(line);
        } catch (JacksonException e) {
            return new Skipped(SkipReason.MALFORMED_JSON, e.getOriginalMessage());
        }
        if (doc == null || !doc.isObject()) {
            return new Skipped(SkipReason.NOT_AN_OBJECT, "a JSON object per line is expected");
        }
        return parse(doc, wrapperTime);
    }

    /** Parses a document already read as JSON (e.g. an Elasticsearch hit's _source). */
    public Parsed parse(JsonNode doc) {
        return parse(doc, null);
    }

    /** The same, with the time of the wrapper the document came in, for a document without its own. */
    public Parsed parse(JsonNode doc, Instant wrapperTime) {
        JsonNode ts = FieldPath.at(doc, fields.timestamp());
        Instant at = wrapperTime;
        if (ts != null && !ts.isNull()) {
            Timestamps.Read time = Timestamps.read(ts, fields.timestampUnit());
            if (time.at() == null) {
                return new Skipped(SkipReason.BAD_TIMESTAMP, "'" + fields.timestamp() + "' " + time.problem());
            }
            warnNaive(time, ts);
            at = time.at();
        } else if (at == null) {
            return new Skipped(SkipReason.MISSING_TIMESTAMP, "no '" + fields.timestamp() + "' field");
        }
        JsonNode input = FieldPath.at(doc, fields.input());
        JsonNode prediction = FieldPath.at(doc, fields.prediction());
        if ((input == null || input.isNull()) && fields.input().equals(FieldMapping.defaults().input())) {
            for (List<String> batch : BATCH_FIELDS) {
                if (doc.get(batch.get(0)) != null) {
                    input = doc.get(batch.get(0));
                    prediction = prediction != null ? prediction : doc.get(batch.get(1));
                    break;
                }
            }
        }
        if (input == null || input.isNull()) {
            return new Skipped(SkipReason.MISSING_INPUT, "no '" + fields.input() + "' field");
        }
        if (!InputRows.usable(input)) {
            return new Skipped(SkipReason.INPUT_NOT_AN_OBJECT, "'" + fields.input() + "' is not an object or a list");
        }
        JsonNode latency = FieldPath.at(doc, fields.latency());
        if (latency != null && !latency.isNull() && !latency.isNumber()) {
            return new Skipped(SkipReason.BAD_FIELD_TYPE, "'" + fields.latency() + "' is not a number");
        }
        InputRows.Result<List<InputRows.Row>> rows = InputRows.rows(input, prediction, fields.inputNames());
        if (rows.problem() != null) {
            return new Skipped(SkipReason.SHAPE_MISMATCH, "'" + fields.input() + "': " + rows.problem());
        }
        return records(doc, at, latency, rows.value());
    }

    private Ok records(JsonNode doc, Instant at, JsonNode latency, List<InputRows.Row> rows) {
        String model = text(FieldPath.at(doc, fields.model()));
        String version = text(FieldPath.at(doc, fields.version()));
        JsonNode labels = FieldPath.at(doc, fields.label());
        boolean perRow = labels != null && labels.isArray() && labels.size() == rows.size();
        Double ms = latency == null || latency.isNull() ? null : number(latency);
        String requestId = text(FieldPath.at(doc, fields.requestId()));
        List<PredictionRecord> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            InputRows.Row r = rows.get(i);
            String id = requestId == null || rows.size() == 1 ? requestId : requestId + "#" + i;
            Object label = perRow ? InputRows.single(labels.get(i)) : rows.size() == 1 ? value(labels) : null;
            out.add(new PredictionRecord(at, model, version, r.input(), r.prediction(), label, ms, id));
        }
        return new Ok(out);
    }

    private void warnNaive(Timestamps.Read time, JsonNode ts) {
        if (time.naive() && !warnedNaive) {
            warnedNaive = true;
            LOG.warn("timestamps in '{}' have no zone (such as {}): they are read as UTC; write them with Z or an "
                    + "offset to say otherwise", fields.timestamp(), ts.asString());
        }
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
