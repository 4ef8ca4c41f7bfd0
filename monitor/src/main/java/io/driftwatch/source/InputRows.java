package io.driftwatch.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The rows one record's input holds, each with its prediction:
 * <ul>
 *   <li>an object ({@code {"tenure": 3}}): one row, as always;</li>
 *   <li>a vector ({@code [5.1, 3.5, 1.4, 0.2]}): one row whose keys are {@code input_names} or positions;</li>
 *   <li>a batch, a list of vectors or objects ({@code instances}, {@code inputs}): one row each, with the
 *       prediction of the same position in a list of as many;</li>
 *   <li>Open Inference Protocol tensors ({@link Tensors}).</li>
 * </ul>
 * A one-element list prediction ({@code [1]}) is its element.
 */
final class InputRows {
    private InputRows() {
    }

    /** A value, or the problem that makes the record unusable (skipped as {@code shape_mismatch}). */
    record Result<T>(T value, String problem) {
        static <T> Result<T> ok(T value) {
            return new Result<>(value, null);
        }

        static <T> Result<T> bad(String problem) {
            return new Result<>(null, problem);
        }
    }

    /** One row: its input values and its prediction. */
    record Row(Map<String, Object> input, Object prediction) {
    }

    /** Whether a node is an input this reader understands (an object, or a list). */
    static boolean usable(JsonNode input) {
        return input.isObject() || input.isArray();
    }

    static Result<List<Row>> rows(JsonNode input, JsonNode prediction, List<String> names) {
        if (input.isObject()) {
            return Result.ok(List.of(new Row(object(input), single(prediction))));
        }
        Result<List<Map<String, Object>>> inputs = Tensors.are(input) ? Tensors.rows(input, names) : list(input, names);
        if (inputs.problem() != null) {
            return Result.bad(inputs.problem());
        }
        List<Map<String, Object>> rows = inputs.value();
        if (rows.size() == 1 && !batch(input)) {
            return Result.ok(List.of(new Row(rows.get(0), single(prediction))));
        }
        Result<List<Object>> predictions = predictions(prediction, rows.size());
        if (predictions.problem() != null) {
            return Result.bad(predictions.problem());
        }
        List<Row> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            out.add(new Row(rows.get(i), predictions.value().get(i)));
        }
        return Result.ok(out);
    }

    private static boolean batch(JsonNode input) {
        return Tensors.are(input) || input.size() > 0 && (input.get(0).isArray() || input.get(0).isObject());
    }

    /** A vector (one row) or a batch of vectors or objects. */
    private static Result<List<Map<String, Object>>> list(JsonNode input, List<String> names) {
        if (!batch(input)) {
            for (JsonNode v : input) {
                if (v.isContainer()) {
                    return Result.bad("an input vector mixes values and lists");
                }
            }
            Result<Map<String, Object>> row = vector(input, names);
            return row.problem() != null ? Result.bad(row.problem()) : Result.ok(List.of(row.value()));
        }
        List<Map<String, Object>> rows = new ArrayList<>(input.size());
        for (int i = 0; i < input.size(); i++) {
            JsonNode r = input.get(i);
            if (r.isObject()) {
                rows.add(object(r));
            } else if (r.isArray()) {
                Result<Map<String, Object>> row = vector(r, names);
                if (row.problem() != null) {
                    return Result.bad("row " + i + ": " + row.problem());
                }
                rows.add(row.value());
            } else {
                return Result.bad("row " + i + " of the batch is a value, not a list or an object");
            }
        }
        return Result.ok(rows);
    }

    private static Result<Map<String, Object>> vector(JsonNode v, List<String> names) {
        if (!names.isEmpty() && names.size() != v.size()) {
            return Result.bad("an input of " + v.size() + " values for " + names.size() + " input_names");
        }
        Map<String, Object> row = new LinkedHashMap<>();
        for (int j = 0; j < v.size(); j++) {
            row.put(names.isEmpty() ? Integer.toString(j) : names.get(j), LogRecordParser.field(v.get(j)));
        }
        return Result.ok(row);
    }

    private static Map<String, Object> object(JsonNode o) {
        Map<String, Object> values = new LinkedHashMap<>();
        o.properties().forEach(e -> values.put(e.getKey(), LogRecordParser.field(e.getValue())));
        return values;
    }

    /** A prediction: a one-element list is its element. */
    static Object single(JsonNode p) {
        if (p != null && p.isArray() && p.size() == 1) {
            return single(p.get(0));
        }
        return LogRecordParser.field(p);
    }

    /** Each row's prediction: a list of as many (or tensors), or none. */
    private static Result<List<Object>> predictions(JsonNode p, int rows) {
        List<Object> out = new ArrayList<>(rows);
        if (p == null || p.isNull() || p.isMissingNode()) {
            for (int i = 0; i < rows; i++) {
                out.add(null);
            }
            return Result.ok(out);
        }
        if (Tensors.are(p)) {
            Result<List<Object>> t = Tensors.predictions(p);
            if (t.problem() == null && t.value().size() != rows) {
                return Result.bad(t.value().size() + " predictions for " + rows + " rows");
            }
            return t;
        }
        if (!p.isArray() || p.size() != rows) {
            return Result.bad((p.isArray() ? p.size() + " predictions" : "one prediction") + " for " + rows + " rows");
        }
        p.forEach(x -> out.add(single(x)));
        return Result.ok(out);
    }
}
