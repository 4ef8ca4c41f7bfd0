package io.driftwatch.cli;

import io.driftwatch.drift.TestRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @picocli.CommandLine.Mixin
    private DriftInputs inputs;

    @Option(names = "--format", defaultValue = "table",
            description = "table, json, or html (a self-contained report; needs --output) (default: ${DEFAULT-VALUE}).")
    private String format;

    @Option(names = "--output", description = "Write the report to this file instead of standard output.")
    private Path output;

    @Override
    public Integer call() {
        TestRegistry registry = TestRegistry.standard();
        String problem = inputs.problem(registry);
        if (problem == null && !List.of("json", "table", "html").contains(format)) {
            problem = "--format must be table, json or html, not '" + format + "'";
        }
        if (problem == null && "html".equals(format) && output == null) {
            problem = "--format html writes a file: give --output report.html";
        }
        if (problem != null) {
            System.err.println("driftwatch drift: " + problem);
            return BAD_INPUT;
        }
        try {
            String[] mode = new String[1];
            TableDrift.Result result = inputs.compare(registry, mode);
            String text = switch (format) {
                case "json" -> DriftOutput.json(result, mode[0]);
                case "html" -> DriftOutput.html(result, mode[0], inputs.reference(), inputs.current());
                default -> DriftOutput.table(result, mode[0]);
            };
            if (output == null) {
                System.out.println(text);
            } else {
                write(output, text);
                System.err.println("driftwatch drift: wrote " + output + " (" + text.length() / 1024 + " KiB)");
            }
            return 0;
        } catch (BadInput e) {
            System.err.println("driftwatch drift: " + e.getMessage());
            return BAD_INPUT;
        }
    }

    static void write(Path file, String text) throws BadInput {
        try {
            Files.writeString(file, text, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new BadInput("cannot write " + file + ": " + e.getMessage());
        }
    }

}
