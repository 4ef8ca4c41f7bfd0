package io.driftwatch.source;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One record as the fast parser reads it, before it is kept ({@link CompactRecords#add(RecordRow)}) or made a
 * {@link PredictionRecord}: input numbers stay primitive, so a line read straight into column chunks makes no map
 * and no boxed value. Reused line after line by one thread ({@link #clear}).
 */
public final class RecordRow {
    Instant timestamp;
    String model;
    String version;
    String requestId;
    Object prediction;
    Object label;
    Double latency;
    String[] keys = new String[16];
    double[] numbers = new double[16];
    /** A key's value when it is not a number (null: the number beside it). */
    Object[] others = new Object[16];
    int inputs;
    /** Whether the record had an input map. */
    boolean hasInput;

    public void clear() {
        timestamp = null;
        model = null;
        version = null;
        requestId = null;
        prediction = null;
        label = null;
        latency = null;
        clearInput();
        hasInput = false;
    }

    /** Forgets the input values (a second input map replaces the first). */
    void clearInput() {
        Arrays.fill(others, 0, inputs, null);
        inputs = 0;
    }

    /** The record's time. */
    public java.time.Instant timestamp() {
        return timestamp;
    }

    /** The model the record names (null: none). */
    public String model() {
        return model;
    }

    void number(String key, double v) {
        int i = slot(key);
        numbers[i] = v;
    }

    /** A value that is not a number (a string, a boolean, null as {@code null}). */
    void other(String key, Object v) {
        int i = slot(key);
        others[i] = v == null ? CompactRecords.Column.NULL : v;
    }

    private int slot(String key) {
        if (inputs == keys.length) {
            keys = Arrays.copyOf(keys, inputs * 2);
            numbers = Arrays.copyOf(numbers, inputs * 2);
            others = Arrays.copyOf(others, inputs * 2);
        }
        keys[inputs] = key;
        others[inputs] = null;
        return inputs++;
    }

    /** The input value at {@code i} as a map holds it: a Double, a string, a boolean or null. */
    Object value(int i) {
        Object o = others[i];
        if (o == null) {
            return numbers[i];
        }
        return o == CompactRecords.Column.NULL ? null : o;
    }

    /** The record (its input map in the keys' order; a key given twice keeps its last value, as a map does). */
    PredictionRecord record() {
        Map<String, Object> in = new LinkedHashMap<>((int) (inputs / 0.75f) + 1);
        for (int i = 0; i < inputs; i++) {
            in.put(keys[i], value(i));
        }
        return new PredictionRecord(timestamp, model, version, in, prediction, label, latency, requestId);
    }

    /** Fills this row from a record. */
    void of(PredictionRecord r) {
        clear();
        timestamp = r.timestamp();
        model = r.model();
        version = r.version();
        requestId = r.requestId();
        prediction = r.prediction();
        label = r.label();
        latency = r.latencyMs();
        hasInput = true;
        for (Map.Entry<String, Object> e : r.input().entrySet()) {
            if (e.getValue() instanceof Double d) {
                number(e.getKey(), d);
            } else {
                other(e.getKey(), e.getValue());
            }
        }
    }
}
