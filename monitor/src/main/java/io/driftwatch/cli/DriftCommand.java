package io.driftwatch.cli;

import io.driftwatch.drift.TestRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** One-shot drift between two files, for scripts and CI pipelines. */
@Command(name = "drift", mixinStandardHelpOptions = true,
        description = {"Compare a reference and a current file (CSV with a header, or JSON lines) column by column.",
                "Exit 0 whatever the verdict; 2 on bad input."})
public final class DriftCommand implements Callable<Integer> {
    static final int BAD_INPUT = 2;

    @picocli.CommandLine.Mixin
    private DriftInputs inputs;

    @picocli.CommandLine.Mixin
    private ReportOptions report;

    @Override
    public Integer call() {
        TestRegistry registry = TestRegistry.standard();
        String problem = inputs.problem(registry);
        if (problem == null) {
            problem = report.problem();
        }
        if (problem != null) {
            System.err.println("driftwatch drift: " + problem);
            return BAD_INPUT;
        }
        try {
            String[] mode = new String[1];
            TableDrift.Result result = inputs.compare(registry, mode);
            String text = switch (report.format) {
                case "json" -> DriftOutput.json(result, mode[0]);
                case "html" -> DriftOutput.html(result, mode[0], inputs.reference(), inputs.current());
                default -> DriftOutput.table(result, mode[0]);
            };
            report.emit("drift", text);
            return 0;
        } catch (BadInput e) {
            System.err.println("driftwatch drift: " + e.getMessage());
            return BAD_INPUT;
        }
    }
}
