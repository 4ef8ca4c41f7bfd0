package io.driftwatch.source.file;

import io.driftwatch.config.PathGlobs;
import io.driftwatch.source.LogRecordParser;
import io.driftwatch.source.PredictionSource;
import io.driftwatch.source.SourceException;
import io.driftwatch.source.TimeRange;
import io.driftwatch.source.WindowData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Prediction logs in JSON-lines files: one file, a directory, or a glob. Rotated files
 * ({@code app.jsonl.1}, {@code app.jsonl.2.gz}) are read when the glob matches them. Every matched file
 * is read: a file's modification time says nothing reliable about the timestamps it holds (copied or
 * restored files, clock skew), so it never decides what a window contains. Windows are read
 * incrementally ({@link LogTail}); a reference or a range older than what the tail kept is read whole.
 */
public final class JsonLinesSource implements PredictionSource {
    private final Path base;
    private final String pattern;
    private final String modelValue;
    private final LogRecordParser parser;
    private final LineFormat format;
    private final LogTail tail;
    /** Whether the configured path (no glob) was seen as a regular file: then it must stay one. */
    private volatile boolean wasFile;

    public JsonLinesSource(FileSourceConfig config) {
        Path p = Path.of(config.path());
        this.base = p.isAbsolute() ? Path.of("/") : Path.of("").toAbsolutePath();
        this.pattern = config.path();
        this.modelValue = config.modelValue();
        this.parser = new LogRecordParser(config.fields());
        this.format = config.format();
        this.tail = new LogTail(parser, format, modelValue, false);
    }

    /** The window's records, reading only what was appended since the last read (see {@link LogTail}). */
    @Override
    public WindowData read(TimeRange range) throws SourceException {
        List<Path> files = files();
        LogTail.Result r = tail.read(files, range);
        return data(r != null ? r : new LogTail(parser, format, modelValue, true).read(files, range));
    }

    /** Streams every matched file once, merged by timestamp ({@link FileReplay}). */
    @Override
    public java.util.Map<io.driftwatch.source.SkipReason, Long> replay(TimeRange range,
            java.util.function.Consumer<io.driftwatch.source.PredictionRecord> sink) throws SourceException {
        return new FileReplay(parser, format, modelValue, java.util.concurrent.ForkJoinPool.commonPool()).run(files(), range, sink);
    }

    @Override
    public WindowData readAll() throws SourceException {
        return data(new LogTail(parser, format, modelValue, true).read(files(), new TimeRange(Instant.MIN, Instant.MAX)));
    }

    private WindowData data(LogTail.Result r) throws SourceException {
        if (r.opened() == 0 && r.unreadable() > 0) {
            throw new SourceException("none of the " + r.unreadable() + " file(s) matching " + pattern
                    + " can be read: " + r.firstError(), null);
        }
        return new WindowData(r.records(), r.skipped());
    }

    /**
     * The files the path matches. A directory that is gone or cannot be listed, or a named file that is
     * gone, is the source being down (not an empty window); a glob that matches nothing in an existing
     * directory is no data.
     */
    private List<Path> files() throws SourceException {
        Path dir = PathGlobs.directory(base, pattern);
        if (dir == null || !Files.isDirectory(dir)) {
            throw new SourceException("the log directory " + dir + " of " + pattern + " does not exist", null);
        }
        Path named = base.resolve(pattern);
        if (!PathGlobs.isGlob(pattern) && !Files.exists(named)) {
            throw new SourceException("the log file " + named + " does not exist", null);
        }
        if (!PathGlobs.isGlob(pattern)) {
            if (Files.isRegularFile(named)) {
                wasFile = true;
            } else if (wasFile) { // a named file replaced by a directory (or anything else) is no log file
                throw new SourceException("the log file " + named + " is no longer a file (now a "
                        + (Files.isDirectory(named) ? "directory" : "special file") + ")", null);
            }
        }
        try {
            return PathGlobs.expand(base, pattern);
        } catch (IOException e) {
            throw new SourceException("cannot list " + dir + ": " + e, e);
        }
    }
}
