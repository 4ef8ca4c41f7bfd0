package io.driftwatch.cli;

import io.driftwatch.config.DriftPolicyConfig;
import io.driftwatch.drift.DriftEngine;
import io.driftwatch.drift.DriftReport;
import io.driftwatch.drift.TableDrift;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.source.file.Table;
import io.driftwatch.source.file.TableFormatException;
import io.driftwatch.source.file.TableReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** One-shot drift between two files, for scripts and CI pipelines. */
@Command(name = "drift", mixinStandardHelpOptions = true,
        description = {"Compare a reference and a current file (CSV with a header, or JSON lines) column by column.",
                "Exit 0 whatever the verdict; 2 on bad input."})
public final class DriftCommand implements Callable<Integer> {
    static final int BAD_INPUT = 2;

    @Option(names = "--reference", required = true, description = "Reference data: .csv, .jsonl or .ndjson.")
    private Path reference;

    @Option(names = "--current", required = true, description = "Current data, same formats.")
    private Path current;

    @Option(names = "--columns", split = ",", description = "Columns to test (default: every reference column).")
    private List<String> columns = new ArrayList<>();

    @Option(names = "--tests", split = ",", description = "Tests to run where they apply: ${COMPLETION-CANDIDATES}",
            completionCandidates = TestNames.class)
    private List<String> tests = new ArrayList<>();

    @Option(names = "--format", defaultValue = "table", description = "json or table (default: ${DEFAULT-VALUE}).")
    private String format;

    @Option(names = "--fdr", description = "False-discovery rate across columns (default 0.05).")
    private Double fdr;

    @Option(names = "--min-samples", description = "Fewest values for a conclusive column (default 100).")
    private Integer minSamples;

    @Override
    public Integer call() {
        TestRegistry registry = TestRegistry.standard();
        String problem = checkOptions(registry);
        if (problem != null) {
            System.err.println("driftwatch drift: " + problem);
            return BAD_INPUT;
        }
        try {
            Table ref = read(reference);
            Table cur = read(current);
            List<String> cols = columns.isEmpty() ? ref.columns() : columns;
            for (String c : cols) {
                if (ref.column(c) == null || cur.column(c) == null) {
                    System.err.println("driftwatch drift: column '" + c + "' is not in "
                            + (ref.column(c) != null ? current : reference));
                    return BAD_INPUT;
                }
            }
            DriftReport report = new TableDrift(new DriftEngine(registry, policy())).compare(ref, cur, cols, tests, registry);
            System.out.println("json".equals(format) ? DriftOutput.json(report) : DriftOutput.table(report));
            return 0;
        } catch (BadInput e) {
            System.err.println("driftwatch drift: " + e.getMessage());
            return BAD_INPUT;
        }
    }

    private String checkOptions(TestRegistry registry) {
        if (!"json".equals(format) && !"table".equals(format)) {
            return "--format must be json or table, not '" + format + "'";
        }
        for (String t : tests) {
            if (registry.byName(t).isEmpty()) {
                return "unknown test '" + t + "'; available: " + registry.names();
            }
        }
        if (fdr != null && !(fdr > 0 && fdr < 1)) {
            return "--fdr must be between 0 and 1";
        }
        return minSamples != null && minSamples < 2 ? "--min-samples must be at least 2" : null;
    }

    private DriftPolicyConfig policy() {
        DriftPolicyConfig d = DriftPolicyConfig.defaults();
        return d.withFdr(fdr == null ? d.fdr() : fdr).withMinSamples(minSamples == null ? d.minSamples() : minSamples);
    }

    private static Table read(Path file) throws BadInput {
        try {
            if (Files.isDirectory(file)) {
                throw new BadInput(file + ": is a directory, not a data file");
            }
            return TableReader.read(file);
        } catch (NoSuchFileException e) {
            throw new BadInput(file + ": no such file");
        } catch (IOException e) {
            throw new BadInput(file + ": cannot read: " + e.getMessage());
        } catch (TableFormatException e) {
            throw new BadInput(e.getMessage());
        }
    }

    /** Input that cannot be used; the message names the file and, where it applies, the line. */
    private static final class BadInput extends Exception {
        private static final long serialVersionUID = 1L;

        BadInput(String message) {
            super(message);
        }
    }

    /** The test names, for help and completion. */
    static final class TestNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        TestNames() {
            super(TestRegistry.standard().names());
        }
    }
}
