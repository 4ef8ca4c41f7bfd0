package io.driftwatch.cli;

import io.driftwatch.drift.DriftPolicy;
import io.driftwatch.drift.DriftEngine;
import io.driftwatch.drift.ColumnType;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.table.CsvStream;
import io.driftwatch.table.Table;
import io.driftwatch.table.TableFormatException;
import io.driftwatch.table.TableReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import picocli.CommandLine.Option;

/**
 * The two files and the test options that {@code drift} and {@code check} share (a picocli mixin), and
 * the comparison itself: read both files (exact, or sketched when large), test every column, and warn
 * on stderr about cells that are not numbers.
 */
public final class DriftInputs {
    @Option(names = "--reference", required = true, description = "Reference data: .csv, .jsonl or .ndjson.")
    Path reference;

    @Option(names = "--current", required = true, description = "Current data, same formats.")
    Path current;

    @Option(names = "--columns", split = ",", description = "Columns to test (default: every reference column).")
    private List<String> columns = new ArrayList<>();

    @Option(names = "--tests", split = ",", description = "Tests to run where they apply: ${COMPLETION-CANDIDATES}",
            completionCandidates = TestNames.class)
    private List<String> tests = new ArrayList<>();

    @Option(names = "--types", split = ",", paramLabel = "COLUMN=TYPE",
            description = "Column types instead of inferred ones: numeric or categorical, e.g. zip=categorical.")
    private Map<String, String> types = new LinkedHashMap<>();

    @Option(names = "--fdr", description = "False-discovery rate across columns (default 0.05).")
    private Double fdr;

    @Option(names = "--min-samples", description = "Fewest values for a conclusive column (default 100).")
    private Integer minSamples;

    @Option(names = "--sketch", defaultValue = "auto",
            description = "Sketch mode (bounded memory, approximate): auto, on or off (default: ${DEFAULT-VALUE}).")
    private String sketch;

    @Option(names = "--sketch-above", defaultValue = "5000000",
            description = "In auto mode, sketch when a CSV file has more rows than this (estimated; default: ${DEFAULT-VALUE}).")
    private long sketchAbove;

    /** Checks the options; the problem in one sentence, or null. */
    String problem(TestRegistry registry) {
        return checkOptions(registry);
    }

    /** Reads both files and compares them; "exact" or "sketch" mode in {@code mode[0]}. */
    TableDrift.Result compare(TestRegistry registry, String[] mode) throws BadInput {
        TableDrift drift = new TableDrift(new DriftEngine(registry, policy()));
        Map<String, ColumnType> typed = typed();
        boolean sketchMode = sketchMode();
        TableDrift.Result result;
        if (sketchMode) {
            SketchAccumulator ref = stream(reference);
            SketchAccumulator cur = stream(current);
            List<String> cols = columns(ref.columns(), c -> ref.has(c), c -> cur.has(c));
            result = drift.compare(ref, cur, cols, tests, registry, typed);
        } else {
            Table readRef = read(reference);
            Table readCur = read(current);
            Table ref = noRecords(readRef, readCur);
            Table cur = noRecords(readCur, readRef);
            List<String> cols = columns(ref.columns(), c -> ref.column(c) != null, c -> cur.column(c) != null);
            result = drift.compare(ref, cur, cols, tests, registry, typed);
        }
        warnUnparsable(result);
        mode[0] = sketchMode ? "sketch" : "exact";
        return result;
    }

    Path reference() {
        return reference;
    }

    Path current() {
        return current;
    }

    /** Says on stderr, per numeric column, how many cells were not numbers and where the first one is. */
    private void warnUnparsable(TableDrift.Result result) {
        result.inputs().forEach((column, in) -> {
            warn(column, reference, in.reference());
            warn(column, current, in.current());
        });
    }

    private static void warn(String column, Path file, Table.Unparsable odd) {
        if (odd.count() == 0) {
            return;
        }
        System.err.printf(java.util.Locale.ROOT, "driftwatch drift: warning: column '%s': %d value(s) in %s are not "
                + "numbers and are left out (first: '%s' at %s:%d); use --types %s=categorical to test it as "
                + "categories%n", column, odd.count(), file, DriftOutput.shortened(odd.cells()[0]), file,
                odd.firstLine(), column);
    }

    private Map<String, ColumnType> typed() throws BadInput {
        Map<String, ColumnType> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : types.entrySet()) {
            ColumnType t = ColumnType.parse(e.getValue())
                    .orElseThrow(() -> new BadInput("--types " + e.getKey() + "=" + e.getValue()
                            + ": the type must be numeric or categorical"));
            out.put(e.getKey(), t);
        }
        return out;
    }

    private String checkOptions(TestRegistry registry) {
        tests = tests.stream().map(String::strip).filter(t -> !t.isEmpty()).toList();
        columns = columns.stream().map(String::strip).filter(c -> !c.isEmpty()).toList();
        for (String t : tests) {
            if (registry.byName(t).isEmpty()) {
                return "unknown test '" + t + "'; available: " + registry.names();
            }
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String c : columns) {
            if (!seen.add(c)) { // a second p-value of one column would enlarge the Benjamini-Hochberg family
                return "--columns names '" + c + "' twice";
            }
        }
        if (tests.size() != new java.util.HashSet<>(tests).size()) {
            return "--tests names a test twice";
        }
        if (!List.of("auto", "on", "off").contains(sketch)) {
            return "--sketch must be auto, on or off, not '" + sketch + "'";
        }
        if (fdr != null && !(fdr > 0 && fdr < 1)) {
            return "--fdr must be between 0 and 1";
        }
        return minSamples != null && minSamples < 2 ? "--min-samples must be at least 2" : null;
    }

    private List<String> columns(List<String> all, Predicate<String> inReference, Predicate<String> inCurrent)
            throws BadInput {
        List<String> cols = columns.isEmpty() ? all : columns;
        for (String c : types.keySet()) {
            if (!cols.contains(c)) {
                throw new BadInput("--types names column '" + c + "', which is not compared");
            }
        }
        for (String c : cols) {
            if (!inReference.test(c) || !inCurrent.test(c)) {
                throw new BadInput("column '" + c + "' is not in " + (inReference.test(c) ? current : reference));
            }
        }
        return cols;
    }

    /** Sketch mode when asked, or in auto mode for CSV files estimated above --sketch-above rows. */
    private boolean sketchMode() throws BadInput {
        boolean csv = isCsv(reference) && isCsv(current);
        if ("off".equals(sketch) || ("auto".equals(sketch) && !csv)) {
            return false;
        }
        if ("on".equals(sketch)) {
            if (!csv) {
                throw new BadInput("sketch mode reads CSV files; use --sketch off for JSON lines");
            }
            return true;
        }
        long rows = Math.max(input(reference, () -> CsvStream.estimateRows(reference)),
                input(current, () -> CsvStream.estimateRows(current)));
        return rows > sketchAbove;
    }

    private boolean isCsv(Path p) throws BadInput {
        boolean gzip = input(p, () -> TableReader.isGzip(p));
        if (gzip && "on".equals(sketch)) {
            throw new BadInput(p + ": is gzip-compressed; sketch mode reads plain CSV (decompress it, or use --sketch off)");
        }
        return !gzip && !TableReader.isJsonLines(p.getFileName().toString());
    }

    private static SketchAccumulator stream(Path file) throws BadInput {
        SketchAccumulator acc = new SketchAccumulator();
        return input(file, () -> {
            CsvStream.stream(file, acc);
            return acc;
        });
    }

    /** Reading a data file, which may fail on I/O or on its content. */
    @FunctionalInterface
    private interface FileRead<T> {
        T run() throws IOException, TableFormatException;
    }

    /** Runs a read and turns its failures into bad input that names the file (and line). */
    private static <T> T input(Path file, FileRead<T> read) throws BadInput {
        try {
            if (Files.isDirectory(file)) {
                throw new BadInput(file + ": is a directory, not a data file");
            }
            return read.run();
        } catch (NoSuchFileException e) {
            throw new BadInput(file + ": no such file");
        } catch (IOException e) {
            throw new BadInput(file + ": cannot read: " + e.getMessage());
        } catch (TableFormatException e) {
            throw new BadInput(e.getMessage());
        }
    }

    private DriftPolicy policy() {
        DriftPolicy d = DriftPolicy.defaults();
        return d.withFdr(fdr == null ? d.fdr() : fdr).withMinSamples(minSamples == null ? d.minSamples() : minSamples);
    }

    /**
     * A JSON-lines file without records has no columns either: it is read as the other file's columns
     * with no values, as an empty CSV with a header is (so the comparison is inconclusive, not an error).
     */
    private static Table noRecords(Table t, Table other) {
        if (t.rows() > 0 || !t.columns().isEmpty()) {
            return t;
        }
        Map<String, Table.Column> none = new LinkedHashMap<>();
        other.columns().forEach(c -> none.put(c, new Table.NumericColumn(new double[0], 0)));
        return new Table(other.columns(), none, 0);
    }

    private static Table read(Path file) throws BadInput {
        return input(file, () -> TableReader.read(file));
    }

    /** The test names, for --tests' help and completion. */
    static final class TestNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        TestNames() {
            super(TestRegistry.standard().names());
        }
    }
}
