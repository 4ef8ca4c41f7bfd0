package io.driftwatch.source;

import java.time.Instant;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.RandomAccess;
import java.util.Set;

/**
 * A window's records as the sources keep them ({@link CompactRecords}): column chunks, read where they are. A
 * record is made only when asked for (and its input map reads the columns), so a window of a million records
 * holds no million maps; the evaluation reads a column's values straight from the chunks
 * ({@link #inputValues}, {@link #predictions}). Immutable: the chunks' rows are taken as they were at the read,
 * and later reads of the source only add rows after them.
 */
public final class RecordRows extends AbstractList<PredictionRecord> implements RandomAccess {
    private final Slice[] slices;
    private final int[] starts;
    private final int size;

    /** Receives a column's values in order: a number as a primitive, anything else (null: none) as read. */
    public interface ValueSink {
        void number(double x);

        void other(Object value);
    }

    /** One chunk's rows of a window: its columns as they were at the read, and which rows (null: the first count). */
    public static final class Slice {
        private final ChunkColumns chunk;
        private final int[] rows;
        private final int count;

        Slice(ChunkColumns chunk, int[] rows, int count) {
            this.chunk = chunk;
            this.rows = rows;
            this.count = count;
        }

        ChunkColumns chunk() {
            return chunk;
        }

        int count() {
            return count;
        }

        int row(int i) {
            return rows == null ? i : rows[i];
        }
    }

    /** A chunk's columns at the read: the row arrays and the column of each input field, prediction, label, latency. */
    record ChunkColumns(long[] ts, Instant[] exact, Object[] model, Object[] version, Object[] requestId,
                        Map<String, CompactRecords.Column> inputs, CompactRecords.Column prediction,
                        CompactRecords.Column label, CompactRecords.Column latency) {

        Instant time(int row) {
            return exact[row] != null ? exact[row] : Instant.ofEpochSecond(0, ts[row]);
        }

        PredictionRecord record(int row) {
            Object lat = value(latency, row);
            return new PredictionRecord(time(row), (String) model[row], (String) version[row], new RowInput(this, row),
                    value(prediction, row), value(label, row), lat instanceof Double d ? d : null,
                    (String) requestId[row]);
        }

        static Object value(CompactRecords.Column c, int row) {
            return c == null ? null : c.get(row);
        }
    }

    RecordRows(java.util.List<Slice> slices) {
        this.slices = slices.toArray(Slice[]::new);
        this.starts = new int[this.slices.length];
        int n = 0;
        for (int i = 0; i < this.slices.length; i++) {
            starts[i] = n;
            n += this.slices[i].count();
        }
        this.size = n;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public PredictionRecord get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        int s = Arrays.binarySearch(starts, index); // slices are never empty: their starts rise strictly
        if (s < 0) {
            s = -s - 2;
        }
        return slices[s].chunk().record(slices[s].row(index - starts[s]));
    }

    @Override
    public Iterator<PredictionRecord> iterator() {
        return new Iterator<>() {
            private int slice;
            private int i;

            @Override
            public boolean hasNext() {
                if (slice < slices.length && i == slices[slice].count()) {
                    slice++;
                    i = 0;
                }
                return slice < slices.length;
            }

            @Override
            public PredictionRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Slice s = slices[slice];
                return s.chunk().record(s.row(i++));
            }
        };
    }

    /** The values of an input field, record by record (null where a record has none). */
    public void inputValues(String field, ValueSink sink) {
        for (Slice s : slices) {
            values(s, s.chunk().inputs().get(field), sink);
        }
    }

    /** The predictions, record by record. */
    public void predictions(ValueSink sink) {
        for (Slice s : slices) {
            values(s, s.chunk().prediction(), sink);
        }
    }

    private static void values(Slice s, CompactRecords.Column c, ValueSink sink) {
        if (c == null) {
            for (int i = 0; i < s.count(); i++) {
                sink.other(null);
            }
            return;
        }
        for (int i = 0; i < s.count(); i++) {
            int row = s.row(i);
            Object o = c.others == null ? null : c.others[row];
            if (o == null) {
                sink.number(c.numbers[row]);
            } else {
                sink.other(o == CompactRecords.Column.NULL || o == CompactRecords.Column.ABSENT ? null : o);
            }
        }
    }

    /** Every input key some record of the window has. */
    public Set<String> inputKeys() {
        Set<String> out = new LinkedHashSet<>();
        for (Slice s : slices) {
            s.chunk().inputs().forEach((k, c) -> {
                if (!out.contains(k) && present(s, c)) {
                    out.add(k);
                }
            });
        }
        return out;
    }

    private static boolean present(Slice s, CompactRecords.Column c) {
        for (int i = 0; i < s.count(); i++) {
            if (c.get(s.row(i)) != CompactRecords.Column.ABSENT) {
                return true;
            }
        }
        return false;
    }

    /** A record's input map, read from its chunk's columns; the fields the record did not have are absent. */
    private static final class RowInput extends AbstractMap<String, Object> {
        private final ChunkColumns chunk;
        private final int row;

        RowInput(ChunkColumns chunk, int row) {
            this.chunk = chunk;
            this.row = row;
        }

        @Override
        public Object get(Object key) {
            CompactRecords.Column c = chunk.inputs().get(key);
            Object v = c == null ? null : c.get(row);
            return v == CompactRecords.Column.ABSENT ? null : v;
        }

        @Override
        public boolean containsKey(Object key) {
            CompactRecords.Column c = chunk.inputs().get(key);
            return c != null && c.get(row) != CompactRecords.Column.ABSENT;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    return chunk.inputs().entrySet().stream()
                            .filter(e -> e.getValue().get(row) != CompactRecords.Column.ABSENT)
                            .map(e -> (Entry<String, Object>) new SimpleImmutableEntry<>(e.getKey(), e.getValue().get(row)))
                            .iterator();
                }

                @Override
                public int size() {
                    int n = 0;
                    for (CompactRecords.Column c : chunk.inputs().values()) {
                        n += c.get(row) == CompactRecords.Column.ABSENT ? 0 : 1;
                    }
                    return n;
                }
            };
        }
    }
}
