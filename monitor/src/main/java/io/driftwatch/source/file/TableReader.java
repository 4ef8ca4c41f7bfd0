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
        boolean json = name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json");
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return json ? jsonLines(in, file.toString()) : csv(in, file.toString());
        }
    }

    private static Table csv(BufferedReader in, String file) throws IOException, TableFormatException {
        CsvLexer lexer = new CsvLexer(in, file);
        List<String> header = lexer.next();
        if (header == null) {
            throw new TableFormatException(file, 1, "the file is empty; a header row is expected");
        }
        Map<String, List<Object>> cols = new LinkedHashMap<>();
        for (String h : header) {
            if (cols.put(h.strip(), new ArrayList<>()) != null) {
                throw new TableFormatException(file, 1, "column '" + h + "' appears twice in the header");
            }
        }
        List<List<Object>> byIndex = new ArrayList<>(cols.values());
        int rows = 0;
        for (List<String> row = lexer.next(); row != null; row = lexer.next()) {
            if (row.size() == 1 && row.get(0).isEmpty()) {
                continue;
            }
            if (row.size() != header.size()) {
                throw new TableFormatException(file, lexer.recordLine(), "expected " + header.size()
                        + " fields as in the header, found " + row.size());
            }
            for (int i = 0; i < row.size(); i++) {
                byIndex.get(i).add(row.get(i));
            }
            rows++;
        }
        return new Table(List.copyOf(cols.keySet()), cols, rows);
    }

    private static Table jsonLines(BufferedReader in, String file) throws IOException, TableFormatException {
        Map<String, List<Object>> cols = new LinkedHashMap<>();
        int rows = 0;
        long lineNo = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode doc = parse(line, file, lineNo);
            final int row = rows;
            doc.properties().forEach(e -> cols.computeIfAbsent(e.getKey(), k -> padded(row)));
            for (Map.Entry<String, List<Object>> c : cols.entrySet()) {
                JsonNode v = doc.get(c.getKey());
                c.getValue().add(scalar(v));
            }
            rows++;
        }
        return new Table(List.copyOf(cols.keySet()), cols, rows);
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

    private static List<Object> padded(int rows) {
        List<Object> l = new ArrayList<>(Math.max(16, rows));
        for (int i = 0; i < rows; i++) {
            l.add(null);
        }
        return l;
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
