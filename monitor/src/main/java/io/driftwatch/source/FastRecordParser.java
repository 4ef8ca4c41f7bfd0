package io.driftwatch.source;

import io.driftwatch.config.FieldMapping;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
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
        try (JsonParser p = json.createParser(line)) {
            return p.nextToken() == JsonToken.START_OBJECT ? object(p) : null;
        } catch (JacksonException | Unusual e) {
            return null;
        }
    }

    /** The same for a line held as UTF-8 bytes (no String made on the way). */
    PredictionRecord parse(byte[] bytes, int offset, int length) {
        try (JsonParser p = json.createParser(bytes, offset, length)) {
            return p.nextToken() == JsonToken.START_OBJECT ? object(p) : null;
        } catch (JacksonException | Unusual e) {
            return null;
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

    private PredictionRecord object(JsonParser p) {
        Instant at = null;
        Map<String, Object> input = null;
        String model = null;
        String version = null;
        String requestId = null;
        Object prediction = null;
        Object label = null;
        Double latency = null;
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            JsonToken t = p.nextToken();
            if (name.equals(fields.timestamp())) {
                at = t == JsonToken.VALUE_STRING ? FastTimestamps.parse(p.getString()) : null;
                if (at == null) {
                    throw Unusual.INSTANCE;
                }
            } else if (name.equals(fields.input())) {
                input = input(p, t);
            } else if (name.equals(fields.model())) {
                model = text(p, t);
            } else if (name.equals(fields.version())) {
                version = text(p, t);
            } else if (name.equals(fields.requestId())) {
                requestId = text(p, t);
            } else if (name.equals(fields.prediction())) {
                prediction = scalar(p, t);
            } else if (name.equals(fields.label())) {
                label = scalar(p, t);
            } else if (name.equals(fields.latency())) {
                Object v = scalar(p, t);
                if (v != null && !(v instanceof Double)) {
                    throw Unusual.INSTANCE;
                }
                latency = (Double) v;
            } else {
                p.skipChildren();
            }
        }
        if (at == null || input == null || p.nextToken() != null) {
            return null;
        }
        return new PredictionRecord(at, model, version, input, prediction, label, latency, requestId);
    }

    /** The size of the last input map, to size the next one (a hint; races are harmless). */
    private int lastInputSize = 12;

    private Map<String, Object> input(JsonParser p, JsonToken t) {
        if (t != JsonToken.START_OBJECT) {
            throw Unusual.INSTANCE;
        }
        Map<String, Object> values = new LinkedHashMap<>((int) (lastInputSize / 0.75f) + 1);
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            values.put(name, scalar(p, p.nextToken()));
        }
        lastInputSize = values.size();
        return values;
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

    /** A scalar as the tree parser reads it: Double, String, Boolean or null; anything else leaves the fast path. */
    private static Object scalar(JsonParser p, JsonToken t) {
        switch (t) {
            case VALUE_STRING:
                return p.getString();
            case VALUE_NUMBER_INT:
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    throw Unusual.INSTANCE;
                }
                return (double) p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                double d = p.getDoubleValue();
                if (!Double.isFinite(d)) {
                    throw Unusual.INSTANCE;
                }
                return d;
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
