package io.driftwatch.source.file;

import io.driftwatch.source.LogRecordParser;
import io.driftwatch.source.SkipReason;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One file's lines through its {@link LineFormat}: a JSON line is parsed as it is; a CRI or Docker line is
 * unwrapped, its partial pieces joined (held between reads, at most {@link LogTail#MAX_LINE} characters),
 * and the payload parsed with the wrapper's time as the fallback. One per file, used in line order.
 */
final class WrappedLines {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LineFormat format;
    private final LogRecordParser parser;
    private StringBuilder pending;
    private boolean overlong;

    WrappedLines(LineFormat format, LogRecordParser parser) {
        this.format = format;
        this.parser = parser;
    }

    /** The line's record(s) or why it was skipped; null while a split line waits for its last piece. */
    LogRecordParser.Parsed accept(String line) {
        return switch (format) {
            case JSON -> parser.parse(line);
            case CRI -> cri(line);
            case DOCKER -> docker(line);
        };
    }

    private LogRecordParser.Parsed cri(String line) {
        int a = line.indexOf(' ');
        int b = a < 0 ? -1 : line.indexOf(' ', a + 1);
        int c = b < 0 ? -1 : line.indexOf(' ', b + 1);
        String tag = b < 0 ? "" : c < 0 ? line.substring(b + 1) : line.substring(b + 1, c);
        Instant time = time(a < 0 ? line : line.substring(0, a));
        if (time == null || c < 0 && tag.isEmpty() || !(tag.startsWith("F") || tag.startsWith("P"))) {
            pending = null;
            return bad("not a CRI log line (<RFC 3339 time> <stream> <P|F> <line>)");
        }
        return piece(c < 0 ? "" : line.substring(c + 1), tag.startsWith("P"), time);
    }

    private LogRecordParser.Parsed docker(String line) {
        JsonNode doc;
        try {
            doc = JSON.readTree(line);
        } catch (JacksonException e) {
            pending = null;
            return bad("not a Docker json-file line: " + e.getOriginalMessage());
        }
        JsonNode log = doc == null ? null : doc.get("log");
        Instant time = doc == null || !doc.path("time").isString() ? null : time(doc.get("time").asString());
        if (log == null || !log.isString() || time == null) {
            pending = null;
            return bad("not a Docker json-file line: 'log' and 'time' are expected");
        }
        String text = log.asString();
        boolean partial = !text.endsWith("\n");
        return piece(partial ? text : text.substring(0, text.length() - 1), partial, time);
    }

    /** A piece of a payload; the last piece's time is the record's fallback time. */
    private LogRecordParser.Parsed piece(String text, boolean partial, Instant time) {
        if (pending == null) {
            pending = new StringBuilder();
            overlong = false;
        }
        if (!overlong && pending.length() + text.length() <= LogTail.MAX_LINE) {
            pending.append(text);
        } else {
            overlong = true;
            pending.setLength(0);
        }
        if (partial) {
            return null;
        }
        String payload = pending.toString();
        boolean tooLong = overlong;
        pending = null;
        if (tooLong) {
            return new LogRecordParser.Skipped(SkipReason.LINE_TOO_LONG, "a log line over " + LogTail.MAX_LINE
                    + " characters (joined from partial lines)");
        }
        return payload.isBlank() ? new LogRecordParser.Skipped(SkipReason.MALFORMED_JSON, "an empty log line")
                : parser.parse(payload, time);
    }

    private static LogRecordParser.Skipped bad(String detail) {
        return new LogRecordParser.Skipped(SkipReason.BAD_WRAPPER, detail);
    }

    private static Instant time(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
