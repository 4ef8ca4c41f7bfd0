package io.driftwatch.source;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One file's kept records, stored column by column in chunks of {@link #CHUNK} rows: timestamps as
 * epoch nanoseconds, numbers as primitive doubles, texts interned. A record costs about 8 bytes per
 * numeric field instead of the 80 or so of a map entry with a boxed value, so a replica can hold the
 * windows of hundreds of models. Records come back out as {@link PredictionRecord}s, made per read.
 * Whole chunks are dropped once their newest record is older than the window.
 */
public final class CompactRecords {
    static final int CHUNK = 256;

    private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
    private final Strings strings;

    public CompactRecords(Strings strings) {
        this.strings = strings;
    }

    /** Texts seen again and again (categories, versions, model names) kept once; bounded; shared by parse threads. */
    public static final class Strings {
        private static final int MAX = 16_384;
        private final Map<String, String> seen = new java.util.concurrent.ConcurrentHashMap<>();

        Object intern(Object v) {
            if (!(v instanceof String s) || s.length() > 256) {
                return v;
            }
            String known = seen.get(s);
            if (known != null) {
                return known;
            }
            if (seen.size() < MAX) {
                known = seen.putIfAbsent(s, s);
            }
            return known != null ? known : s;
        }
    }

    private final RecordRow scratch = new RecordRow();

    public void add(PredictionRecord r) {
        scratch.of(r);
        add(scratch);
    }

    /** Keeps a row as it is now (the row may be cleared and reused after). */
    public void add(RecordRow r) {
        Chunk c = chunks.peekLast();
        if (c == null || c.size == CHUNK) {
            c = new Chunk();
            chunks.addLast(c);
        }
        c.add(r, strings);
    }

    /**
     * Takes over the rows of {@code later} (kept elsewhere, e.g. on a parse thread), after its own: its chunks are
     * moved, but a chunk that fits in the last one's room is copied there, so small appends do not leave many
     * nearly empty chunks.
     */
    public void append(CompactRecords later) {
        for (Chunk c : later.chunks) {
            Chunk last = chunks.peekLast();
            if (last != null && last.size + c.size <= CHUNK) {
                c.copyInto(this);
            } else {
                chunks.addLast(c);
            }
        }
        later.chunks.clear();
    }

    /** Drops the chunks whose every record is older than {@code from}. */
    public void dropBefore(Instant from) {
        long cut = nanos(from);
        while (!chunks.isEmpty() && chunks.peekFirst().maxTs < cut) {
            chunks.removeFirst();
        }
    }

    /** Appends the rows inside {@code range} to {@code out} (made into a window by {@link #window}). */
    public void collect(TimeRange range, List<RecordRows.Slice> out) {
        for (Chunk c : chunks) {
            c.collect(range, out);
        }
    }

    /** The rows collected from one or more kept files or partitions, as one window's records. */
    public static RecordRows window(List<RecordRows.Slice> slices) {
        return new RecordRows(slices);
    }

    /** For tests: how many chunks hold the rows. */
    int chunks() {
        return chunks.size();
    }

    public int size() {
        return chunks.stream().mapToInt(c -> c.size).sum();
    }

    /** Epoch nanoseconds, clamped to what a long holds (years 1677 to 2262; beyond, the order is kept). */
    static long nanos(Instant t) {
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (ArithmeticException e) {
            return t.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** A column of values: doubles where they are numbers, else the object (or a marker) beside it. */
    static final class Column {
        static final Object ABSENT = new Object();
        static final Object NULL = new Object();
        final double[] numbers = new double[CHUNK];
        Object[] others;
        /** The last row given a value (a row's fields not given one are marked absent). */
        int lastRow = -1;

        Column(int filledBefore, Object marker) {
            if (filledBefore > 0) {
                others = new Object[CHUNK];
                Arrays.fill(others, 0, filledBefore, marker);
            }
        }

        void set(int row, Object v, Strings strings) {
            if (v instanceof Double d) {
                setNumber(row, d);
                return;
            }
            if (others == null) {
                others = new Object[CHUNK];
            }
            others[row] = v == null ? NULL : strings.intern(v);
        }

        void setNumber(int row, double v) {
            numbers[row] = v;
            if (others != null) {
                others[row] = null;
            }
        }

        void mark(int row, Object marker) {
            if (others == null) {
                others = new Object[CHUNK];
            }
            others[row] = marker;
        }

        /** The value at {@code row}: ABSENT when the record had no such field. */
        Object get(int row) {
            Object o = others == null ? null : others[row];
            if (o == null) {
                return numbers[row];
            }
            return o == NULL ? null : o;
        }
    }

    /** Up to {@link #CHUNK} records. */
    private static final class Chunk {
        final long[] ts = new long[CHUNK];
        final Instant[] exact = new Instant[CHUNK];
        final Object[] model = new Object[CHUNK];
        final Object[] version = new Object[CHUNK];
        final Object[] requestId = new Object[CHUNK];
        final Map<String, Column> inputs = new LinkedHashMap<>();
        Column prediction;
        Column label;
        Column latency;
        int size;
        long maxTs = Long.MIN_VALUE;
        private RecordRows.ChunkColumns view;
        private int viewSize;

        void add(RecordRow r, Strings strings) {
            int row = size++;
            long t = nanos(r.timestamp);
            ts[row] = t;
            if (t == Long.MIN_VALUE || t == Long.MAX_VALUE) {
                exact[row] = r.timestamp;
            }
            maxTs = Math.max(maxTs, t);
            model[row] = strings.intern(r.model);
            version[row] = strings.intern(r.version);
            requestId[row] = r.requestId;
            prediction = put(prediction, row, r.prediction, strings);
            label = put(label, row, r.label, strings);
            latency = put(latency, row, r.latency, strings);
            int given = 0;
            for (int i = 0; i < r.inputs; i++) {
                Column c = inputs.get(r.keys[i]);
                if (c == null) {
                    c = new Column(row, Column.ABSENT);
                    inputs.put((String) strings.intern(r.keys[i]), c);
                }
                if (c.lastRow != row) {
                    c.lastRow = row;
                    given++;
                }
                Object o = r.others[i];
                if (o == null) {
                    c.setNumber(row, r.numbers[i]);
                } else {
                    c.set(row, o == Column.NULL ? null : o, strings);
                }
            }
            if (inputs.size() > given) {
                for (Column c : inputs.values()) {
                    if (c.lastRow != row) {
                        c.mark(row, Column.ABSENT);
                    }
                }
            }
        }

        /** Adds each of this chunk's rows to {@code to}. */
        void copyInto(CompactRecords to) {
            RecordRow r = new RecordRow();
            for (int row = 0; row < size; row++) {
                r.clear();
                r.timestamp = exact[row] != null ? exact[row] : Instant.ofEpochSecond(0, ts[row]);
                r.model = (String) model[row];
                r.version = (String) version[row];
                r.requestId = (String) requestId[row];
                r.prediction = prediction == null ? null : prediction.get(row);
                r.label = label == null ? null : label.get(row);
                r.latency = latency == null ? null : (Double) latency.get(row);
                r.hasInput = true;
                for (Map.Entry<String, Column> e : inputs.entrySet()) {
                    Object v = e.getValue().get(row);
                    if (v instanceof Double d) {
                        r.number(e.getKey(), d);
                    } else if (v != Column.ABSENT) {
                        r.other(e.getKey(), v);
                    }
                }
                to.add(r);
            }
        }

        /** A field that is null in most logs gets a column at its first value (earlier rows: null). */
        private static Column put(Column c, int row, Object v, Strings strings) {
            if (c == null && v == null) {
                return null;
            }
            Column col = c == null ? new Column(row, Column.NULL) : c;
            col.set(row, v, strings);
            return col;
        }

        void collect(TimeRange range, List<RecordRows.Slice> out) {
            long from = nanos(range.from());
            long to = nanos(range.to());
            if (maxTs < from) {
                return;
            }
            int[] rows = new int[size];
            int n = 0;
            for (int row = 0; row < size; row++) {
                if (ts[row] < from || ts[row] > to) { // clamped nanos: the exact check below decides
                    continue;
                }
                Instant t = exact[row] != null ? exact[row] : Instant.ofEpochSecond(0, ts[row]);
                if (range.contains(t)) {
                    rows[n++] = row;
                }
            }
            if (n > 0) {
                out.add(new RecordRows.Slice(columns(), n == size ? null : Arrays.copyOf(rows, n), n));
            }
        }

        /** The columns as they are now; kept while no row is added (a full chunk's for good). */
        private RecordRows.ChunkColumns columns() {
            if (view == null || viewSize != size) {
                view = new RecordRows.ChunkColumns(ts, exact, model, version, requestId,
                        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs)), prediction, label, latency);
                viewSize = size;
            }
            return view;
        }
    }

    /** For tests: the records as kept, in order. */
    List<PredictionRecord> all() {
        List<RecordRows.Slice> slices = new ArrayList<>();
        collect(new TimeRange(Instant.MIN, Instant.MAX), slices);
        return new ArrayList<>(window(slices));
    }
}
