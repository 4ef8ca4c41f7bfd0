package io.driftwatch.table;

import io.driftwatch.util.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads a CSV file with a header row (RFC 4180 quoting) or a JSON-lines file into a {@link Table}. The
 * format is chosen by extension: {@code .jsonl}, {@code .ndjson} and {@code .json} are JSON lines,
 * anything else is CSV; a gzip file (by its magic bytes) is read through gzip, its format named by the
 * extension before {@code .gz}. A UTF-8 byte-order mark is skipped. JSON lines in Driftwatch's log shape
 * are read as the daemon reads them: the keys of {@code input} are the columns, with {@code prediction}
 * and {@code label}; {@code @timestamp}, {@code request_id}, {@code model}, {@code model_version} and
 * {@code latency_ms} are not columns. Other nested objects are flattened with dotted names
 * ({@code a.b}), as pandas' {@code json_normalize} does.
 */
public final class TableReader {
    private static final String INPUT = "input";
    private static final Set<String> LOG_FIELDS = Set.of("@timestamp", "request_id", "model", "model_version",
            "latency_ms");

    private TableReader() {
    }

    public static Table read(Path file) throws IOException, TableFormatException {
        boolean gzip = isGzip(file);
        if (!gzip) {
            return read(file, false);
        }
        try {
            return read(file, true);
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new TableFormatException(file.toString(), 1, "starts like gzip but is not a valid gzip file ("
                    + (e.getMessage() == null ? "it ends too early" : e.getMessage()) + ")");
        }
    }

    private static Table read(Path file, boolean gzip) throws IOException, TableFormatException {
        String name = file.getFileName().toString();
        if (gzip && name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        if (isJsonLines(name)) {
            try (BufferedReader in = open(file, gzip)) {
                return jsonLines(in, file.toString());
            }
        }
        Table fast = gzip ? null : CsvFile.read(file);
        if (fast != null) {
            return fast;
        }
        try (BufferedReader in = open(file, gzip)) {
            return quotedCsv(in, file.toString());
        }
    }

    /** Whether a file name (without {@code .gz}) names JSON lines. */
    public static boolean isJsonLines(String name) {
        return name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json");
    }

    /** Whether the file starts with gzip's magic bytes. */
    public static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    private static BufferedReader open(Path file, boolean gzip) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (gzip) {
            try {
                in = new GZIPInputStream(in, 1 << 16);
            } catch (IOException e) {
                in.close();
                throw e;
            }
        }
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        r.mark(1);
        if (r.read() != '\uFEFF') {
            r.reset();
        }
        return r;
    }

    private static Table quotedCsv(BufferedReader in, String file) throws IOException, TableFormatException {
        CsvLexer lexer = new CsvLexer(in, file);
        List<String> first = lexer.next();
        if (first == null) {
            throw new TableFormatException(file, 1, "the file is empty; a header row is expected");
        }
        List<String> header = first.stream().map(String::strip).toList();
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
                byIndex.get(i).addCell(row.get(i), lexer.recordLine());
            }
        }
        return build(header, cols);
    }

    /**
     * JSON lines through Jackson's streaming parser (no tree per line): each root value must be an
     * object; its scalar members become cells, nested objects dotted columns, arrays their JSON text.
     */
    private static Table jsonLines(BufferedReader in, String file) throws IOException, TableFormatException {
        Map<String, ColumnBuilder> cols = new LinkedHashMap<>();
        int rows = 0;
        long recordLine = 1;
        try (JsonParser p = Json.MAPPER.createParser(in)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                recordLine = p.currentTokenLocation().getLineNr();
                if (t != JsonToken.START_OBJECT) {
                    throw new TableFormatException(file, recordLine, "expected a JSON object");
                }
                Map<String, Object> row = new LinkedHashMap<>();
                Map<String, Object> input = null;
                for (JsonToken f = p.nextToken(); f != JsonToken.END_OBJECT; f = p.nextToken()) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    if (INPUT.equals(name) && v == JsonToken.START_OBJECT) {
                        input = new LinkedHashMap<>(); // the log shape, even when this record's input is empty
                        members(p, "", input);
                    } else if (v == JsonToken.START_OBJECT) {
                        members(p, name + ".", row);
                    } else {
                        row.put(name, value(p, v));
                    }
                }
                Map<String, Object> columns = input == null ? row : logShape(row, input);
                final int before = rows;
                columns.keySet().forEach(k -> cols.computeIfAbsent(k, x -> padded(before)));
                for (Map.Entry<String, ColumnBuilder> c : cols.entrySet()) {
                    c.getValue().addValue(columns.get(c.getKey()), recordLine);
                }
                rows++;
            }
        } catch (JacksonException e) {
            throw new TableFormatException(file, recordLine, "malformed JSON: " + e.getOriginalMessage());
        }
        return build(new ArrayList<>(cols.keySet()), cols);
    }

    /** The members of the object the parser is in, into {@code out} under {@code prefix}; nested ones dotted. */
    private static void members(JsonParser p, String prefix, Map<String, Object> out) {
        for (JsonToken f = p.nextToken(); f != JsonToken.END_OBJECT; f = p.nextToken()) {
            String name = prefix + p.currentName();
            JsonToken v = p.nextToken();
            if (v == JsonToken.START_OBJECT) {
                members(p, name + ".", out);
            } else {
                out.put(name, value(p, v));
            }
        }
    }

    /** A log-shape record's columns: the input's keys, then the record's own fields but the log's bookkeeping. */
    private static Map<String, Object> logShape(Map<String, Object> row, Map<String, Object> input) {
        Map<String, Object> out = new LinkedHashMap<>(input);
        row.forEach((k, v) -> {
            if (!LOG_FIELDS.contains(k)) {
                out.put(out.containsKey(k) ? INPUT + "." + k : k, v);
            }
        });
        return out;
    }

    /** A scalar as Double, String or Boolean; a number beyond a double's range keeps its text; arrays their JSON. */
    private static Object value(JsonParser p, JsonToken t) {
        return switch (t) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                double d = p.getDoubleValue();
                yield Double.isInfinite(d) ? p.getString() : d;
            }
            case VALUE_STRING -> p.getString();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case START_ARRAY -> p.readValueAsTree().toString();
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
            b.addValue(null, -1);
        }
        return b;
    }
}
