package io.driftwatch.source.file;

import java.util.List;
import java.util.Map;

/**
 * A column-oriented table read from a CSV or JSON-lines file. Cells hold what the file held: String
 * for CSV (empty for a blank cell), or Double, String, Boolean or null for JSON lines.
 */
public record Table(List<String> columns, Map<String, List<Object>> values, int rows) {

    public List<Object> column(String name) {
        return values.getOrDefault(name, List.of());
    }
}
