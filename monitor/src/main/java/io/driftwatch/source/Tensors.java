package io.driftwatch.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Open Inference Protocol (KServe v2) tensors: {@code [{"name", "shape", "datatype", "data"}]}, data
 * row-major, flat or nested. The first dimension is the batch: each row becomes one record. A tensor of
 * shape {@code [B]} or {@code [B, 1]} is one column named by the tensor; one tensor of {@code [B, F]} is F
 * columns named by {@code input_names} (or positions); several such tensors name theirs {@code name.j}.
 */
final class Tensors {
    private Tensors() {
    }

    /** Whether a node is a list of tensors (every element an object with shape and data). */
    static boolean are(JsonNode n) {
        if (n == null || !n.isArray() || n.isEmpty()) {
            return false;
        }
        for (JsonNode t : n) {
            if (!t.isObject() || !t.has("shape") || !t.has("data")) {
                return false;
            }
        }
        return true;
    }

    /** The rows of a list of tensors, or a problem naming the tensor. */
    static InputRows.Result<List<Map<String, Object>>> rows(JsonNode tensors, List<String> names) {
        List<Map<String, Object>> rows = null;
        for (JsonNode t : tensors) {
            String name = t.path("name").asString("");
            InputRows.Result<Column> c = column(t);
            if (c.problem() != null) {
                return InputRows.Result.bad(c.problem());
            }
            Column col = c.value();
            if (rows == null) {
                rows = new ArrayList<>();
                for (int i = 0; i < col.rows(); i++) {
                    rows.add(new LinkedHashMap<>());
                }
            } else if (rows.size() != col.rows()) {
                return InputRows.Result.bad("tensor '" + name + "' has " + col.rows() + " rows, the first tensor "
                        + rows.size());
            }
            List<String> keys = keys(name, col.width(), tensors.size() == 1 ? names : List.of());
            if (keys == null) {
                return InputRows.Result.bad("tensor '" + name + "' has " + col.width() + " columns, input_names "
                        + names.size());
            }
            for (int i = 0; i < col.rows(); i++) {
                for (int j = 0; j < col.width(); j++) {
                    rows.get(i).put(keys.get(j), LogRecordParser.field(col.values().get(i * col.width() + j)));
                }
            }
        }
        return InputRows.Result.ok(rows);
    }

    /** The first output tensor's value per row ({@code [B]} or {@code [B, 1]}), or a problem. */
    static InputRows.Result<List<Object>> predictions(JsonNode tensors) {
        InputRows.Result<Column> c = column(tensors.get(0));
        if (c.problem() != null) {
            return InputRows.Result.bad(c.problem());
        }
        Column col = c.value();
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < col.rows(); i++) {
            out.add(col.width() == 1 ? LogRecordParser.field(col.values().get(i))
                    : new BadValue("an output of " + col.width() + " values where one is expected"));
        }
        return InputRows.Result.ok(out);
    }

    private static List<String> keys(String name, int width, List<String> names) {
        if (width == 1) {
            return List.of(name.isEmpty() ? "0" : name);
        }
        if (!names.isEmpty()) {
            return names.size() == width ? names : null;
        }
        List<String> out = new ArrayList<>();
        for (int j = 0; j < width; j++) {
            out.add(names.isEmpty() && !name.isEmpty() ? name + "." + j : Integer.toString(j));
        }
        return out;
    }

    private record Column(int rows, int width, List<JsonNode> values) {
    }

    private static InputRows.Result<Column> column(JsonNode t) {
        String name = t.path("name").asString("");
        JsonNode shape = t.get("shape");
        if (shape == null || !shape.isArray() || shape.isEmpty() || shape.size() > 2) {
            return InputRows.Result.bad("tensor '" + name + "': shape must be [rows] or [rows, columns]");
        }
        for (JsonNode d : shape) {
            if (!d.canConvertToInt() || d.asInt() < 0) {
                return InputRows.Result.bad("tensor '" + name + "': shape " + shape + " is not of sizes");
            }
        }
        int rows = shape.get(0).asInt();
        int width = shape.size() == 2 ? shape.get(1).asInt() : 1;
        List<JsonNode> flat = new ArrayList<>();
        flatten(t.get("data"), flat);
        if ((long) rows * width != flat.size()) {
            return InputRows.Result.bad("tensor '" + name + "': shape " + shape + " holds " + (long) rows * width
                    + " values, data " + flat.size());
        }
        return InputRows.Result.ok(new Column(rows, width, flat));
    }

    private static void flatten(JsonNode n, List<JsonNode> out) {
        if (n != null && n.isArray()) {
            n.forEach(x -> flatten(x, out));
        } else if (n != null) {
            out.add(n);
        }
    }
}
