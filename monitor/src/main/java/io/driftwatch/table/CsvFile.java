package io.driftwatch.table;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads a CSV file into columns fast: the body is split into chunks at line ends and the chunks are
 * parsed in parallel, straight from bytes, numbers with FastDoubleParser. A file with quote characters
 * in its body takes the sequential RFC 4180 path instead, so quoted commas and newlines stay correct.
 */
final class CsvFile {
    static final int CHUNK = 8 << 20;

    private CsvFile() {
    }

    /** The table, or null when the body holds quotes and the sequential parser must read it. */
    static Table read(Path file) throws IOException, TableFormatException {
        return read(file, CHUNK);
    }

    static Table read(Path file, int chunkBytes) throws IOException, TableFormatException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Header header = header(ch, file.toString());
            List<long[]> ranges = chunks(ch, header.end(), chunkBytes);
            int threads = Math.min(ranges.size(), Runtime.getRuntime().availableProcessors());
            return onPool(threads, pool -> {
                List<Future<Chunk>> parsed = new ArrayList<>();
                for (long[] r : ranges) {
                    parsed.add(pool.submit(() -> Chunk.parse(ch, r[0], r[1], header.names().size(), header.rowsIn(r))));
                }
                List<Chunk> chunks = new ArrayList<>();
                for (Future<Chunk> f : parsed) {
                    chunks.add(f.get());
                }
                return chunks.stream().anyMatch(Chunk::quoted) ? null : merge(header.names(), chunks, file.toString());
            });
        }
    }

    /** Work on a thread pool that is shut down afterwards, whatever happens. */
    @FunctionalInterface
    private interface PoolWork<T> {
        T run(ExecutorService pool) throws IOException, TableFormatException, InterruptedException, ExecutionException;
    }

    private static <T> T onPool(int threads, PoolWork<T> work) throws IOException, TableFormatException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            return work.run(pool);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Parses the file chunk by chunk and hands each chunk, as a small table, to {@code sink}: the first
     * chunk alone and first, the others from several threads in any order, with at most two chunks per
     * thread in memory. Returns the column names, or null when the body holds quotes.
     */
    static List<String> stream(Path file, int chunkBytes, java.util.function.Consumer<Table> sink)
            throws IOException, TableFormatException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Header header = header(ch, file.toString());
            List<long[]> ranges = chunks(ch, header.end(), chunkBytes);
            int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
            java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(2 * threads);
            return onPool(threads, pool -> {
                long linesBefore = 1;
                List<Future<Chunk>> done = new ArrayList<>();
                for (int i = 0; i < ranges.size(); i++) {
                    long[] r = ranges.get(i);
                    inFlight.acquire();
                    Future<Chunk> f = pool.submit(() -> {
                        try {
                            Chunk c = Chunk.parse(ch, r[0], r[1], header.names().size(), header.rowsIn(r));
                            if (!c.quoted() && c.errorLine() == 0) {
                                sink.accept(c.table(header.names()));
                            }
                            return c.withoutColumns();
                        } finally {
                            inFlight.release();
                        }
                    });
                    done.add(f);
                    if (i == 0 && f.get().quoted()) {
                        return null;
                    }
                }
                for (Future<Chunk> f : done) {
                    Chunk c = f.get();
                    if (c.quoted()) {
                        throw new TableFormatException(file.toString(), 0,
                                "quoted fields are not supported in sketch mode; use --sketch off");
                    }
                    if (c.errorLine() > 0) {
                        throw new TableFormatException(file.toString(), linesBefore + c.errorLine(), c.error());
                    }
                    linesBefore += c.lines();
                }
                return header.names();
            });
        }
    }

    /** Rows estimated from the file size and the length of the first lines. */
    static long estimateRows(Path file) throws IOException, TableFormatException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Header h = header(ch, file.toString());
            return (long) ((ch.size() - h.end()) / h.lineBytes());
        }
    }

    /** The column names, where the body starts, and the average body line length seen in the first MiB. */
    private record Header(List<String> names, long end, double lineBytes) {

        /** The rows a byte range is expected to hold, with some slack, to size the column buffers. */
        int rowsIn(long[] range) {
            return (int) Math.min(Integer.MAX_VALUE - 16, (long) ((range[1] - range[0]) / lineBytes * 1.05));
        }
    }

    private static Header header(FileChannel ch, String file) throws IOException, TableFormatException {
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(ch.size(), 1 << 20));
        ch.read(b, 0);
        byte[] bytes = b.array();
        int nl = 0;
        while (nl < b.position() && bytes[nl] != '\n') {
            nl++;
        }
        if (b.position() == 0) {
            throw new TableFormatException(file, 1, "the file is empty; a header row is expected");
        }
        int bom = nl >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        String line = new String(bytes, bom, nl - bom, StandardCharsets.UTF_8);
        List<String> names = new CsvLexer(new StringReader(line), file).next();
        if (names == null || (names.size() == 1 && names.get(0).isBlank())) {
            throw new TableFormatException(file, 1, "the first line is empty; a header row is expected");
        }
        int lines = 0;
        for (int i = nl + 1; i < b.position(); i++) {
            lines += bytes[i] == '\n' ? 1 : 0;
        }
        double lineBytes = lines == 0 ? 64 : Math.max(1, (b.position() - nl - 1.0) / lines);
        List<String> stripped = names.stream().map(String::strip).toList();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String n : stripped) {
            if (!seen.add(n)) { // in every mode: a sketch would pool the two columns into one
                throw new TableFormatException(file, 1, "column '" + n + "' appears twice in the header");
            }
        }
        return new Header(stripped, Math.min(nl + 1L, ch.size()), lineBytes);
    }

    /** Byte ranges of about {@link #CHUNK} bytes, each ending just after a newline (or at end of file). */
    private static List<long[]> chunks(FileChannel ch, long start, int chunkBytes) throws IOException {
        List<long[]> out = new ArrayList<>();
        long size = ch.size();
        ByteBuffer probe = ByteBuffer.allocate(1 << 16);
        long from = start;
        while (from < size) {
            long to = Math.min(size, from + chunkBytes);
            while (to < size) {
                probe.clear();
                int n = ch.read(probe, to);
                int i = 0;
                while (i < n && probe.get(i) != '\n') {
                    i++;
                }
                to += i < n ? i + 1 : n;
                if (i < n || n <= 0) {
                    break;
                }
            }
            out.add(new long[] {from, to});
            from = to;
        }
        return out;
    }

    private static Table merge(List<String> names, List<Chunk> chunks, String file) throws TableFormatException {
        long line = 1;
        for (Chunk c : chunks) {
            if (c.errorLine() > 0) {
                throw new TableFormatException(file, line + c.errorLine(), c.error());
            }
            line += c.lines();
        }
        Map<String, Table.Column> data = new LinkedHashMap<>();
        int rows = 0;
        int total = chunks.stream().mapToInt(c -> c.columns()[0].size()).sum();
        for (int col = 0; col < names.size(); col++) {
            ColumnBuilder all = new ColumnBuilder(total);
            long before = 1;
            for (Chunk c : chunks) {
                all.append(c.columns()[col], before);
                before += c.lines();
            }
            rows = all.size();
            if (data.put(names.get(col), all.build()) != null) {
                throw new TableFormatException(file, 1, "column '" + names.get(col) + "' appears twice in the header");
            }
        }
        return new Table(names, data, rows);
    }

    /** One parsed chunk: its columns, its line count, the first error, and whether it held a quote. */
    private record Chunk(ColumnBuilder[] columns, long lines, long errorLine, String error, boolean quoted) {

        Table table(List<String> names) {
            Map<String, Table.Column> data = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                data.put(names.get(i), columns[i].build());
            }
            return new Table(names, data, columns.length == 0 ? 0 : columns[0].size());
        }

        /** The same outcome without the parsed cells, so that they can be collected once handed on. */
        Chunk withoutColumns() {
            return new Chunk(new ColumnBuilder[0], lines, errorLine, error, quoted);
        }

        private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[0]);

        static Chunk parse(FileChannel ch, long from, long to, int width, int expectedRows) throws IOException {
            int length = (int) (to - from);
            byte[] buf = BUFFER.get();
            if (buf.length < length) {
                buf = new byte[length];
                BUFFER.set(buf);
            }
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, length);
            while (bb.hasRemaining()) {
                if (ch.read(bb, from + bb.position()) < 0) {
                    break;
                }
            }
            ColumnBuilder[] cols = new ColumnBuilder[width];
            for (int i = 0; i < width; i++) {
                cols[i] = new ColumnBuilder(expectedRows);
            }
            long lines = 0;
            int col = 0;
            int start = 0;
            boolean blank = true;
            for (int i = 0; i < length; i++) {
                byte c = buf[i];
                if (c == ',') {
                    if (col < width) {
                        cols[col].addBytes(buf, start, i, lines + 1);
                    }
                    col++;
                    start = i + 1;
                    blank = false;
                } else if (c == '\n') {
                    lines++;
                    int end = i > start && buf[i - 1] == '\r' ? i - 1 : i;
                    if (!blank || end > start) {
                        if (col < width) {
                            cols[col].addBytes(buf, start, end, lines);
                        }
                        if (col + 1 != width) {
                            return new Chunk(cols, lines, lines, "expected " + width
                                    + " fields as in the header, found " + (col + 1), false);
                        }
                    }
                    col = 0;
                    start = i + 1;
                    blank = true;
                } else if (c == '"') {
                    return new Chunk(cols, lines, 0, null, true);
                } else if (c != '\r') {
                    blank = false;
                }
            }
            if (start < length || col > 0) { // a last line without a newline (its last field may be empty)
                lines++;
                if (col < width) {
                    cols[col].addBytes(buf, start, length, lines);
                }
                if (col + 1 != width) {
                    return new Chunk(cols, lines, lines, "expected " + width + " fields as in the header, found "
                            + (col + 1), false);
                }
            }
            return new Chunk(cols, lines, 0, null, false);
        }
    }
}
