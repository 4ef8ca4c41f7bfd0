package io.driftwatch.table;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/** Splits CSV text into records (RFC 4180: quoted fields may hold commas, quotes and newlines). */
final class CsvLexer {
    private final Reader in;
    private final String file;
    private long line = 1;
    private long recordLine = 1;
    private int peeked = -2;

    CsvLexer(Reader in, String file) {
        this.in = in;
        this.file = file;
    }

    /** The line on which the last record returned began. */
    long recordLine() {
        return recordLine;
    }

    /** The next record's fields, or null at end of input. */
    List<String> next() throws IOException, TableFormatException {
        recordLine = line;
        int c = read();
        if (c == -1) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        while (true) {
            if (c == '"' && f.isEmpty()) {
                c = quoted(f);
            }
            if (c == ',') {
                fields.add(f.toString());
                f.setLength(0);
            } else if (c == '\n' || c == -1) {
                fields.add(f.toString());
                return fields;
            } else if (c == '\r') {
                int n = read();
                if (n != '\n') {
                    peeked = n;
                }
                fields.add(f.toString());
                return fields;
            } else {
                f.append((char) c);
            }
            c = read();
        }
    }

    /** Reads a quoted field's content and returns the character after the closing quote. */
    private int quoted(StringBuilder f) throws IOException, TableFormatException {
        long start = line;
        while (true) {
            int c = read();
            if (c == -1) {
                throw new TableFormatException(file, start, "unterminated quoted field");
            }
            if (c == '"') {
                int n = read();
                if (n != '"') {
                    return n;
                }
            }
            f.append((char) c);
        }
    }

    private int read() throws IOException {
        int c;
        if (peeked != -2) {
            c = peeked;
            peeked = -2;
        } else {
            c = in.read();
        }
        if (c == '\n') {
            line++;
        }
        return c;
    }
}
