package io.driftwatch.source.file;

import io.driftwatch.util.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

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

    /**
     * JSON lines through Jackson's streaming parser (no tree per line): each root value must be an
     * object; its scalar members become cells, nested values their JSON text.
     */
    private static Table jsonLines(BufferedReader in, String file) throws IOException, TableFormatException {
        Map<String, ColumnBuilder> cols = new LinkedHashMap<>();
        int rows = 0;
        long recordLine = 1;
        try (JsonParser p = Json.MAPPER.createParser(in)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                recordLine = p.currentTokenLocation().getLineNr();
                if (t != JsonToken.START_OBJECT) {
                    throw new TableFormatException(file, p.currentTokenLocation().getLineNr(), "expected a JSON object");
                }
                Map<String, Object> row = new HashMap<>();
                for (JsonToken f = p.nextToken(); f != JsonToken.END_OBJECT; f = p.nextToken()) {
                    String name = p.currentName();
                    row.put(name, value(p, p.nextToken()));
                }
                final int before = rows;
                row.keySet().forEach(k -> cols.computeIfAbsent(k, x -> padded(before)));
                for (Map.Entry<String, ColumnBuilder> c : cols.entrySet()) {
                    c.getValue().addValue(row.get(c.getKey()));
                }
                rows++;
            }
        } catch (JacksonException e) {
            throw new TableFormatException(file, recordLine, "malformed JSON: " + e.getOriginalMessage());
        }
        return build(new ArrayList<>(cols.keySet()), cols);
    }

    private static Object value(JsonParser p, JsonToken t) {
        return switch (t) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_STRING -> p.getString();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case START_OBJECT, START_ARRAY -> p.readValueAsTree().toString();
            default -> null;
        };
    }

    private static Table build(List<String> names, Map<String, ColumnBuilder> cols) {
        Map<String, Table.Column> data = new LinkedHashMap<>();
        cols.forEach((k, b) -> data.put(k, b.build()));
        int rows = cols.isEmpty() ? 0 : cols.values().iterator().next().size();
        return new Table(List.copyOf(names), data, rows);
    }

    private static ColumnBuilder padded(int rows) {
        ColumnBuilder b = new ColumnBuilder();
        for (int i = 0; i < rows; i++) {
            b.addValue(null);
        }
        return b;
    }
}
