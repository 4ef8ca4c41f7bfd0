package io.driftwatch.source;

import io.driftwatch.config.FieldMapping;
import java.time.Instant;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * The common log line read as a token stream instead of a tree: a flat object whose fields are strings,
 * finite numbers, booleans or null, and whose input map holds only such scalars. Anything else (a missing
 * field, a container, a huge number, an odd timestamp, malformed JSON) returns null, and the tree parser
 * ({@link LogRecordParser}) decides, with its reasons; so both give the same record for every line.
 */
final class FastRecordParser {
    private final FieldMapping fields;
    private final JsonMapper json;

    FastRecordParser(FieldMapping fields, JsonMapper json) {
        this.fields = fields;
        this.json = json;
    }

    /** The record, or null when the line is not the common case. */
    PredictionRecord parse(String line) {
        RecordRow row = new RecordRow();
        try (JsonParser p = json.createParser(line)) {
            return p.nextToken() == JsonToken.START_OBJECT && object(p, row) ? row.record() : null;
        } catch (JacksonException | Unusual e) {
            return null;
        }
    }

    /** The same for a line held as UTF-8 bytes (no String made on the way). */
    PredictionRecord parse(byte[] bytes, int offset, int length) {
        RecordRow row = new RecordRow();
        return parse(bytes, offset, length, row) ? row.record() : null;
    }

    /** The line read into {@code row} (cleared first); false when it is not the common case (the row is then void). */
    boolean parse(byte[] bytes, int offset, int length, RecordRow row) {
        row.clear();
        try (JsonParser p = json.createParser(bytes, offset, length)) {
            return p.nextToken() == JsonToken.START_OBJECT && object(p, row);
        } catch (JacksonException | Unusual e) {
            return false;
        }
    }

    /** Thrown to leave the fast path. */
    private static final class Unusual extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Unusual INSTANCE = new Unusual();

        private Unusual() {
            super(null, null, false, false);
        }
    }

    private boolean object(JsonParser p, RecordRow row) {
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            JsonToken t = p.nextToken();
            if (name.equals(fields.timestamp())) {
                row.timestamp = t == JsonToken.VALUE_STRING ? FastTimestamps.parse(p.getString()) : null;
                if (row.timestamp == null) {
                    throw Unusual.INSTANCE;
                }
            } else if (name.equals(fields.input())) {
                input(p, t, row);
            } else if (name.equals(fields.model())) {
                row.model = text(p, t);
            } else if (name.equals(fields.version())) {
                row.version = text(p, t);
            } else if (name.equals(fields.requestId())) {
                row.requestId = text(p, t);
            } else if (name.equals(fields.prediction())) {
                row.prediction = scalar(p, t);
            } else if (name.equals(fields.label())) {
                row.label = scalar(p, t);
            } else if (name.equals(fields.latency())) {
                Object v = scalar(p, t);
                if (v != null && !(v instanceof Double)) {
                    throw Unusual.INSTANCE;
                }
                row.latency = (Double) v;
            } else {
                p.skipChildren();
            }
        }
        return row.timestamp != null && row.hasInput && p.nextToken() == null;
    }

    /** The input map's scalars into the row, numbers as primitives; a second input map replaces the first. */
    private static void input(JsonParser p, JsonToken t, RecordRow row) {
        if (t != JsonToken.START_OBJECT) {
            throw Unusual.INSTANCE;
        }
        row.clearInput();
        row.hasInput = true;
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            JsonToken v = p.nextToken();
            if (v == JsonToken.VALUE_NUMBER_FLOAT || v == JsonToken.VALUE_NUMBER_INT) {
                row.number(name, number(p, v));
            } else {
                row.other(name, scalar(p, v));
            }
        }
    }

    private static String text(JsonParser p, JsonToken t) {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw Unusual.INSTANCE;
        }
        return p.getString();
    }

    /** A number as the tree parser reads it; a huge integer or one beyond a double's range leaves the fast path. */
    private static double number(JsonParser p, JsonToken t) {
        if (t == JsonToken.VALUE_NUMBER_INT) {
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw Unusual.INSTANCE;
            }
            return p.getLongValue();
        }
        double d = p.getDoubleValue();
        if (!Double.isFinite(d)) {
            throw Unusual.INSTANCE;
        }
        return d;
    }

    /** A scalar as the tree parser reads it: Double, String, Boolean or null; anything else leaves the fast path. */
    private static Object scalar(JsonParser p, JsonToken t) {
        switch (t) {
            case VALUE_STRING:
                return p.getString();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return number(p, t);
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw Unusual.INSTANCE;
        }
    }
}
