package io.driftwatch.source.file;

import io.driftwatch.config.PathGlobs;
import io.driftwatch.config.SourceConfig;
import io.driftwatch.source.LogRecordParser;
import io.driftwatch.source.PredictionRecord;
import io.driftwatch.source.PredictionSource;
import io.driftwatch.source.SkipReason;
import io.driftwatch.source.SourceException;
import io.driftwatch.source.TimeRange;
import io.driftwatch.source.WindowData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prediction logs in JSON-lines files: one file, a directory, or a glob. Rotated files
 * ({@code app.jsonl.1}, {@code app.jsonl.2.gz}) are read when the glob matches them. Every matched file
 * is read: a file's modification time says nothing reliable about the timestamps it holds (copied or
 * restored files, clock skew), so it never decides what a window contains.
 */
public final class JsonLinesSource implements PredictionSource {
    static final Logger LOG = LoggerFactory.getLogger(JsonLinesSource.class);
    private static final int LOGGED_SKIPS_PER_READ = 5;

    private final Path base;
    private final String pattern;
    private final String modelValue;
    private final LogRecordParser parser;
    /** Per file (by inode where the file system has one): the last line whose skip was already counted. */
    private final Map<Object, Integer> countedUpTo = new java.util.concurrent.ConcurrentHashMap<>();
    private final LogTail tail;

    public JsonLinesSource(FileSourceConfig config) {
        Path p = Path.of(config.path());
        this.base = p.isAbsolute() ? Path.of("/") : Path.of("").toAbsolutePath();
        this.pattern = config.path();
        this.modelValue = config.modelValue();
        this.parser = new LogRecordParser(config.fields());
        this.tail = new LogTail(parser, modelValue, countedUpTo);
    }

    /** The window's records, reading only what was appended since the last read (see {@link LogTail}). */
    @Override
    public WindowData read(TimeRange range) throws SourceException {
        List<Path> files = files();
        LogTail.Result r = tail.read(files, range);
        if (r == null) {
            return scan(f -> true, rec -> range.contains(rec.timestamp()));
        }
        if (r.opened() == 0 && r.unreadable() > 0) {
            throw new SourceException("none of the " + r.unreadable() + " file(s) matching " + pattern
                    + " can be read: " + r.firstError(), null);
        }
        return new WindowData(r.records(), r.skipped());
    }

    @Override
    public WindowData readAll() throws SourceException {
        return scan(f -> true, r -> true);
    }

    private WindowData scan(Predicate<Path> fileFilter, Predicate<PredictionRecord> keep) throws SourceException {
        List<Path> files = files();
        Scan scan = new Scan(keep);
        for (Path f : files) {
            if (fileFilter.test(f)) {
                scan.file(f);
            }
        }
        if (scan.opened == 0 && scan.unreadable > 0) {
            throw new SourceException("none of the " + scan.unreadable + " file(s) matching " + pattern
                    + " can be read: " + scan.firstError, null);
        }
        return new WindowData(scan.records, scan.skipped);
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
        if (!PathGlobs.isGlob(pattern) && !Files.isDirectory(base.resolve(pattern)) && !Files.exists(base.resolve(pattern))) {
            throw new SourceException("the log file " + base.resolve(pattern) + " does not exist", null);
        }
        try {
            return PathGlobs.expand(base, pattern);
        } catch (IOException e) {
            throw new SourceException("cannot list " + dir + ": " + e, e);
        }
    }

    /** The state of one read: records kept and lines skipped. */
    private final class Scan {
        private final Predicate<PredictionRecord> keep;
        private final List<PredictionRecord> records = new ArrayList<>();
        private final Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
        private int logged;
        private int opened;
        private int unreadable;
        private String firstError;

        Scan(Predicate<PredictionRecord> keep) {
            this.keep = keep;
        }

        void file(Path f) {
            Object key = fileKey(f);
            int counted = countedUpTo.getOrDefault(key, 0);
            int lineNo = 0;
            try (BufferedReader in = open(f)) {
                opened++;
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lineNo++;
                    if (!line.isBlank()) {
                        line(f, lineNo, line, lineNo > counted);
                    }
                }
            } catch (IOException e) {
                unreadable++;
                firstError = firstError == null ? f + ": " + e : firstError;
                skip(f, 0, SkipReason.UNREADABLE_FILE, e.toString());
            }
            countedUpTo.merge(key, lineNo, Math::max);
        }

        /** A bad line is counted and logged once, the first time any read meets it. */
        private void line(Path f, int lineNo, String line, boolean firstSeen) {
            LogRecordParser.Parsed parsed = parser.parse(line);
            if (parsed instanceof LogRecordParser.Skipped s) {
                if (firstSeen) {
                    skip(f, lineNo, s.reason(), s.detail());
                }
                return;
            }
            PredictionRecord r = ((LogRecordParser.Ok) parsed).record();
            if ((r.model() == null || r.model().equals(modelValue)) && keep.test(r)) {
                records.add(r);
            }
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

    static Object fileKey(Path f) {
        try {
            Object key = Files.readAttributes(f, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
            return key != null ? key : f.toAbsolutePath();
        } catch (IOException e) {
            return f.toAbsolutePath();
        }
    }

    private static BufferedReader open(Path f) throws IOException {
        InputStream in = Files.newInputStream(f);
        if (f.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }
}
