package io.driftwatch.table;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** Streams a large CSV file in chunks with bounded memory, for sketch mode. */
public final class CsvStream {
    /** Small chunks keep memory bounded: two per thread, each about this many bytes. */
    public static final int CHUNK = 1 << 20;

    private CsvStream() {
    }

    /**
     * Hands each chunk of rows to {@code sink} (the first one first, the rest from several threads) and
     * returns the column names. Quoted CSV is not streamed: it gives a {@link TableFormatException}.
     */
    public static List<String> stream(Path file, Consumer<Table> sink) throws IOException, TableFormatException {
        List<String> names = CsvFile.stream(file, CHUNK, sink);
        if (names == null) {
            throw new TableFormatException(file.toString(), 1, "quoted fields are not supported in sketch mode; "
                    + "use --sketch off");
        }
        return names;
    }

    /** The number of rows, estimated from the file size and its first lines. */
    public static long estimateRows(Path file) throws IOException, TableFormatException {
        return CsvFile.estimateRows(file);
    }
}
