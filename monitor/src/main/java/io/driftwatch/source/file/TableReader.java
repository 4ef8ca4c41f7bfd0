package io.driftwatch.source.file;

import io.driftwatch.util.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a CSV file with a header row (RFC 4180 quoting) or a JSON-lines file of flat objects into a
 * {@link Table}. The format is chosen by extension: {@code .jsonl}, {@code .ndjson} and {@code .json}
 * are JSON lines, anything else is CSV.
 */
public final class TableReader {
    private TableReader() {
    }

    public static Table read(Path file) throws IOException, TableFormatException {
        String name = file.getFileName().toString();
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                return jsonLines(in, file.toString());
            }
        }
        Table fast = CsvFile.read(file);
        if (fast != null) {
            return fast;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return quotedCsv(in, file.toString());
        }
    }

    private static Table quotedCsv(BufferedReader in, String file) throws IOException, TableFormatException {
        CsvLexer lexer = new CsvLexer(in, file);
        List<String> header = lexer.next().stream().map(String::strip).toList();
        Map<String, ColumnBuilder> cols = new LinkedHashMap<>();
        for (String h : header) {
            if (cols.put(h, new ColumnBuilder()) != null) {
                throw new TableFormatException(file, 1, "column '" + h + "' appears twice in the header");
            }
        }
        List<ColumnBuilder> byIndex = new ArrayList<>(cols.values());
        for (List<String> row = lexer.next(); row != null; row = lexer.next()) {
            if (row.size() == 1 && row.get(0).isEmpty()) {
                continue;
            }
            if (row.size() != header.size()) {
                throw new TableFormatException(file, lexer.recordLine(), "expected " + header.size()
                        + " fields as in the header, found " + row.size());
            }
            for (int i = 0; i < row.size(); i++) {
                byIndex.get(i).addCell(row.get(i));
            }
        }
        return build(header, cols);
    }

    private static Table jsonLines(BufferedReader in, String file) throws IOException, TableFormatException {
        Map<String, ColumnBuilder> cols = new LinkedHashMap<>();
        int rows = 0;
        long lineNo = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode doc = parse(line, file, lineNo);
            final int before = rows;
            for (Map.Entry<String, JsonNode> e : doc.properties()) {
                cols.computeIfAbsent(e.getKey(), k -> padded(before));
            }
            for (Map.Entry<String, ColumnBuilder> c : cols.entrySet()) {
                c.getValue().addValue(scalar(doc.get(c.getKey())));
            }
            rows++;
        }
        return build(new ArrayList<>(cols.keySet()), cols);
    }

    private static Table build(List<String> names, Map<String, ColumnBuilder> cols) {
        Map<String, Table.Column> data = new LinkedHashMap<>();
        cols.forEach((k, b) -> data.put(k, b.build()));
        int rows = cols.isEmpty() ? 0 : cols.values().iterator().next().size();
        return new Table(List.copyOf(names), data, rows);
    }

    private static JsonNode parse(String line, String file, long lineNo) throws TableFormatException {
        try {
            JsonNode doc = Json.MAPPER.readTree(line);
            if (!doc.isObject()) {
                throw new TableFormatException(file, lineNo, "expected a JSON object");
            }
            return doc;
        } catch (JacksonException e) {
            throw new TableFormatException(file, lineNo, "malformed JSON: " + e.getOriginalMessage());
        }
    }

    private static ColumnBuilder padded(int rows) {
        ColumnBuilder b = new ColumnBuilder();
        for (int i = 0; i < rows; i++) {
            b.addValue(null);
        }
        return b;
    }

    private static Object scalar(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        return v.isString() ? v.stringValue() : v.toString();
    }
}
