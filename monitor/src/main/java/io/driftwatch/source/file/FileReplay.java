package io.driftwatch.source.file;

import io.driftwatch.source.LogRecordParser;
import io.driftwatch.source.PredictionRecord;
import io.driftwatch.source.SkipReason;
import io.driftwatch.source.SourceException;
import io.driftwatch.source.TimeRange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * One pass over a model's log files in time order, for a backtest: every file (rotated and gzipped ones
 * too) is streamed once, its lines parsed in blocks on all cores while keeping their order, and the files
 * merged by timestamp (each file is taken to be in time order, as a logger writes it: rotated files follow
 * each other, the files of several replicas interleave). Memory is a few blocks per file, whatever the
 * history's length.
 */
final class FileReplay {
    private static final int BLOCK_BYTES = 1 << 20;

    /** Whole lines: bytes, where each line starts and ends, and the file's line number of the first. */
    private record Block(byte[] bytes, int[] starts, int[] ends, int lines, long firstLine) {
    }

    private static final int LOGGED_SKIPS = 5;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FileReplay.class);
    private int logged;

    private final LogRecordParser parser;
    private final LineFormat format;
    private final String modelValue;
    private final ExecutorService pool;
    private final Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);

    FileReplay(LogRecordParser parser, LineFormat format, String modelValue, ExecutorService pool) {
        this.parser = parser;
        this.format = format;
        this.modelValue = modelValue;
        this.pool = pool;
    }

    Map<SkipReason, Long> run(List<Path> files, TimeRange range, Consumer<PredictionRecord> sink) throws SourceException {
        List<Cursor> cursors = new ArrayList<>();
        PriorityQueue<Cursor> heads = new PriorityQueue<>((a, b) -> a.head.timestamp().compareTo(b.head.timestamp()));
        try {
            for (Path f : files) {
                Cursor c = new Cursor(f);
                cursors.add(c);
                if (c.advance()) {
                    heads.add(c);
                }
            }
            while (!heads.isEmpty()) {
                Cursor c = heads.poll();
                if (!c.head.timestamp().isBefore(range.to())) {
                    continue; // a file in time order holds nothing more for the range
                }
                if (range.contains(c.head.timestamp())) {
                    sink.accept(c.head);
                }
                if (c.advance()) {
                    heads.add(c);
                }
            }
        } catch (IOException e) {
            throw new SourceException("cannot read the logs: " + e.getMessage(), e);
        } finally {
            for (Cursor c : cursors) {
                c.close();
            }
        }
        return skipped;
    }

    /** Counts a skipped line; the first few are logged with their file and line. */
    private synchronized void skip(SkipReason reason, Path file, long line, String detail) {
        skipped.merge(reason, 1L, Long::sum);
        if (logged++ < LOGGED_SKIPS) {
            LOG.atWarn().addKeyValue("file", file.toString()).addKeyValue("line", line).addKeyValue("reason", reason.label())
                    .log("skipped log line {}:{}: {}: {}", file, line, reason.label(), detail);
        }
    }

    /** One file's records in order: blocks of lines read here, parsed ahead on the pool. */
    private final class Cursor {
        private final InputStream in;
        private final Path file;
        /** A wrapped format's joiner: its lines are parsed here, in order, not ahead on the pool. */
        private final WrappedLines wrapped = format == LineFormat.JSON ? null : new WrappedLines(format, parser);
        private final ArrayDeque<Future<List<PredictionRecord>>> ahead = new ArrayDeque<>();
        private byte[] carry = new byte[0];
        private long linesRead;
        private boolean eof;
        private java.util.Iterator<PredictionRecord> block = java.util.Collections.emptyIterator();
        PredictionRecord head;

        Cursor(Path f) throws IOException {
            this.file = f;
            InputStream raw = Files.newInputStream(f);
            this.in = f.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
        }

        /** Moves to the next record; false at the end of the file. */
        boolean advance() throws IOException {
            while (!block.hasNext()) {
                while (!eof && ahead.size() < Runtime.getRuntime().availableProcessors() * 2) {
                    Block lines = lines();
                    ahead.add(wrapped == null ? pool.submit(() -> parse(lines))
                            : java.util.concurrent.CompletableFuture.completedFuture(parse(lines)));
                }
                if (ahead.isEmpty()) {
                    head = null;
                    return false;
                }
                try {
                    block = ahead.poll().get().iterator();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                } catch (ExecutionException e) {
                    throw new IOException(e.getCause());
                }
            }
            head = block.next();
            return true;
        }

        private List<PredictionRecord> parse(Block b) {
            List<PredictionRecord> out = new ArrayList<>(b.lines());
            for (int i = 0; i < b.lines(); i++) {
                int from = b.starts()[i];
                int to = b.ends()[i];
                if (to > from && b.bytes()[to - 1] == '\r') {
                    to--;
                }
                if (blank(b.bytes(), from, to)) {
                    continue;
                }
                LogRecordParser.Parsed p = wrapped == null ? parser.parse(b.bytes(), from, to - from)
                        : wrapped.accept(new String(b.bytes(), from, to - from, java.nio.charset.StandardCharsets.UTF_8));
                if (p instanceof LogRecordParser.Skipped k) {
                    skip(k.reason(), file, b.firstLine() + i, k.detail());
                } else if (p instanceof LogRecordParser.Ok ok) {
                    for (PredictionRecord r : ok.records()) {
                        if (r.model() == null || r.model().equals(modelValue)) {
                            out.add(r);
                        }
                    }
                }
            }
            return out;
        }

        /** About a megabyte of whole lines (the last line of a file counts without its newline). */
        private Block lines() throws IOException {
            byte[] bytes = java.util.Arrays.copyOf(carry, Math.max(BLOCK_BYTES, carry.length * 2));
            int n = carry.length;
            while (n < bytes.length) {
                int r = in.read(bytes, n, bytes.length - n);
                if (r < 0) {
                    eof = true;
                    break;
                }
                n += r;
            }
            int lastNl = n - 1;
            while (lastNl >= 0 && bytes[lastNl] != '\n') {
                lastNl--;
            }
            int end = eof ? n : lastNl + 1;
            carry = java.util.Arrays.copyOfRange(bytes, end, n);
            int[] starts = new int[1024];
            int[] ends = new int[1024];
            int lines = 0;
            int at = 0;
            while (at < end) {
                int nl = at;
                while (nl < end && bytes[nl] != '\n') {
                    nl++;
                }
                if (lines == starts.length) {
                    starts = java.util.Arrays.copyOf(starts, lines * 2);
                    ends = java.util.Arrays.copyOf(ends, lines * 2);
                }
                starts[lines] = at;
                ends[lines++] = nl;
                at = nl + 1;
            }
            Block block = new Block(bytes, starts, ends, lines, linesRead + 1);
            linesRead += lines;
            return block;
        }

        void close() {
            ahead.forEach(f -> f.cancel(true));
            try {
                in.close();
            } catch (IOException ignored) {
                // closing a file we only read
            }
        }
    }

    private static boolean blank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != ' ' && b[i] != '\t') {
                return false;
            }
        }
        return true;
    }
}
