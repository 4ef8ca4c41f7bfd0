package io.driftwatch.source.file;

import io.driftwatch.source.CompactRecords;
import io.driftwatch.source.RecordRow;
import io.driftwatch.source.RecordRows;
import io.driftwatch.source.LogRecordParser;
import io.driftwatch.source.PredictionRecord;
import io.driftwatch.source.SkipReason;
import io.driftwatch.source.TimeRange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Reads log files incrementally: per file (by inode, so a renamed rotated file keeps its state) the byte
 * offset of the last complete line read and the model's records parsed from it. Each read parses only
 * what was appended since; a file that shrank (truncated, or replaced in place) is read again from the
 * start; a gzip file is read once, again only if its size changes; a line without its newline yet waits
 * for it. Records older than the window start are dropped, so memory follows the window; a read of a
 * range that starts before what was dropped gets null (the caller scans the files instead).
 */
final class LogTail {
    private static final int LOGGED_SKIPS_PER_READ = 5;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JsonLinesSource.class);

    private final LogRecordParser parser;
    private final LineFormat format;
    private final String modelValue;
    private final boolean whole;
    private final Map<Object, FileState> files = new HashMap<>();
    private final CompactRecords.Strings strings = new CompactRecords.Strings();
    private Instant droppedBefore;

    /**
     * A tail of a model's logs. {@code whole}: a one-off read of whole files (a reference, a past range),
     * where a last line without its newline is a record too instead of one still being written.
     */
    LogTail(LogRecordParser parser, LineFormat format, String modelValue, boolean whole) {
        this.parser = parser;
        this.format = format;
        this.modelValue = modelValue;
        this.whole = whole;
    }

    /** One file's progress: bytes consumed, lines seen, its size when read (gzip), and its kept records. */
    private final class FileState {
        long offset;
        int lines;
        long size = -1;
        final CompactRecords records = new CompactRecords(strings);
        /** The last line's bytes while its newline has not come (at most {@link #MAX_LINE}), read once. */
        LineBytes partial;
        /** Whether that line is already longer than {@link #MAX_LINE} (its bytes are not kept). */
        boolean overlong;
        /** The file's lines through its format (a split CRI or Docker line is held here between reads). */
        final WrappedLines wrapped = new WrappedLines(format, parser);
    }

    /** How far after a read's window a record may lie and still be kept for a later window. */
    static final java.time.Duration FUTURE = java.time.Duration.ofDays(1);

    /** The longest line read; a longer one is skipped as line_too_long, its bytes never held. */
    static final int MAX_LINE = 1 << 20;

    /** What one read found: the window's records, lines skipped by reason, and the files' readability. */
    record Result(List<PredictionRecord> records, Map<SkipReason, Long> skipped, int opened, int unreadable,
                  String firstError) {
    }

    /** The records of {@code range} in {@code paths}, or null when the range starts before what was dropped. */
    synchronized Result read(List<Path> paths, TimeRange range) {
        if (droppedBefore != null && range.from().isBefore(droppedBefore)) {
            return null;
        }
        Reader reader = new Reader(whole || range.to().equals(Instant.MAX) ? Instant.MAX : range.to().plus(FUTURE));
        Set<Object> seen = new HashSet<>();
        for (Path f : paths) {
            Object key = fileKey(f);
            seen.add(key);
            reader.file(f, key);
        }
        files.keySet().retainAll(seen);
        List<RecordRows.Slice> out = new ArrayList<>();
        for (FileState s : files.values()) {
            s.records.dropBefore(range.from());
            s.records.collect(range, out);
        }
        droppedBefore = droppedBefore == null || range.from().isAfter(droppedBefore) ? range.from() : droppedBefore;
        return new Result(CompactRecords.window(out), reader.skipped, reader.opened, reader.unreadable, reader.firstError);
    }

    /** A line's bytes, readable where they are. */
    static final class LineBytes extends ByteArrayOutputStream {
        LineBytes() {
            super(256);
        }

        byte[] bytes() {
            return buf;
        }
    }

    /** One read across the files. */
    private final class Reader {
        /** The row the common shape is read into, line after line. */
        private final RecordRow row = new RecordRow();
        final Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
        /** Records later than this are not kept: a clock far ahead would hold them in memory until then. */
        final Instant latest;

        Reader(Instant latest) {
            this.latest = latest;
        }

        int opened;
        int unreadable;
        String firstError;
        private int logged;

        void file(Path f, Object key) {
            boolean gzip = f.getFileName().toString().endsWith(".gz");
            try {
                long size = Files.size(f);
                FileState s = files.get(key);
                if (s == null || (gzip ? size != s.size : size < s.offset)) {
                    s = new FileState();
                    files.put(key, s);
                }
                if (gzip ? s.size != size : size > s.offset) {
                    read(f, s, gzip);
                    s.size = size;
                }
                opened++;
            } catch (IOException e) {
                unreadable++;
                firstError = firstError == null ? f + ": " + e : firstError;
                files.remove(key);
                skip(f, 0, SkipReason.UNREADABLE_FILE, e.toString());
            }
        }

        private void read(Path f, FileState s, boolean gzip) throws IOException {
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                InputStream in = Channels.newInputStream(gzip ? ch : ch.position(s.offset));
                if (gzip) {
                    in = new GZIPInputStream(in, 1 << 16);
                }
                lines(f, s, new java.io.BufferedInputStream(in, 1 << 16), gzip);
            }
        }

        /**
         * Parses each complete line. A last line without its newline is kept (its bytes read once, up to
         * {@link #MAX_LINE}) and completed by the next read, unless the read is whole; a line longer than
         * that is skipped as line_too_long when its newline comes.
         */
        private void lines(Path f, FileState s, InputStream in, boolean gzip) throws IOException {
            LineBytes line = !gzip && s.partial != null ? s.partial : new LineBytes();
            boolean overlong = !gzip && s.overlong;
            long read = 0;
            byte[] block = new byte[1 << 16];
            for (int n = in.read(block); n >= 0; n = in.read(block)) {
                read += n;
                int start = 0;
                for (int i = 0; i <= n; i++) {
                    if (i < n && block[i] != '\n') {
                        continue;
                    }
                    int len = i - start;
                    if (!overlong && line.size() + len > MAX_LINE) {
                        overlong = true;
                        line = new LineBytes();
                    } else if (!overlong) {
                        line.write(block, start, len);
                    }
                    if (i == n) {
                        break; // the block ends inside a line: the next block goes on with it
                    }
                    if (overlong) {
                        s.lines++;
                        skip(f, s.lines, SkipReason.LINE_TOO_LONG, "longer than " + (MAX_LINE >> 20) + " MiB");
                        overlong = false;
                    } else {
                        line(f, s, line);
                    }
                    line.reset();
                    start = i + 1;
                }
            }
            s.offset += read;
            if ((gzip || whole) && (line.size() > 0 || overlong)) {
                if (overlong) {
                    s.lines++;
                    skip(f, s.lines, SkipReason.LINE_TOO_LONG, "longer than " + (MAX_LINE >> 20) + " MiB");
                } else {
                    line(f, s, line);
                }
                line = null;
                overlong = false;
            }
            s.partial = line == null || line.size() == 0 ? null : line;
            s.overlong = overlong;
        }

        private void line(Path f, FileState s, LineBytes bytes) {
            if (format == LineFormat.JSON && parser.parseInto(bytes.bytes(), 0, bytes.size(), row)) {
                s.lines++;
                if (wanted(f, s, row.timestamp(), row.model())) {
                    s.records.add(row);
                }
                return; // the common shape, read straight into the file's column chunks
            }
            s.lines++;
            String text = bytes.toString(StandardCharsets.UTF_8);
            if (text.isBlank()) {
                return;
            }
            LogRecordParser.Parsed parsed = s.wrapped.accept(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
            if (parsed instanceof LogRecordParser.Skipped k) {
                skip(f, s.lines, k.reason(), k.detail());
            } else if (parsed instanceof LogRecordParser.Ok ok) {
                for (PredictionRecord r : ok.records()) {
                    keep(f, s, r);
                }
            }
        }

        private void keep(Path f, FileState s, PredictionRecord r) {
            if (wanted(f, s, r.timestamp(), r.model())) {
                s.records.add(r);
            }
        }

        /** Whether a record is kept: not too far ahead (else skipped and counted), and of this model. */
        private boolean wanted(Path f, FileState s, Instant at, String model) {
            if (at.isAfter(latest)) {
                skip(f, s.lines, SkipReason.BAD_TIMESTAMP, at + " is more than " + FUTURE.toHours()
                        + " h after the window's end (a clock ahead, or a unit mistake)");
                return false;
            }
            return model == null || model.equals(modelValue);
        }

        private void skip(Path f, int lineNo, SkipReason reason, String detail) {
            skipped.merge(reason, 1L, Long::sum);
            if (logged++ < LOGGED_SKIPS_PER_READ) {
                LOG.atWarn().addKeyValue("file", f.toString()).addKeyValue("line", lineNo)
                        .addKeyValue("reason", reason.label())
                        .log("skipped log line {}:{}: {}: {}", f, lineNo, reason.label(), detail);
            }
        }
    }

    /** A file's identity across renames: its inode where the file system has one, else its path. */
    private static Object fileKey(Path f) {
        try {
            Object key = Files.readAttributes(f, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
            return key != null ? key : f.toAbsolutePath();
        } catch (IOException e) {
            return f.toAbsolutePath();
        }
    }
}
