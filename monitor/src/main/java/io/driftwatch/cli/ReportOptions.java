package io.driftwatch.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --format} and {@code --output}, shared by {@code drift} and {@code check} (a picocli mixin). */
public final class ReportOptions {
    @Option(names = "--format", defaultValue = "table",
            description = "table, json, or html (a self-contained report; needs --output) (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--output", description = "Write the report to this file instead of standard output.")
    Path output;

    /** The options' problem in one sentence, or null. */
    String problem() {
        if (!List.of("json", "table", "html").contains(format)) {
            return "--format must be table, json or html, not '" + format + "'";
        }
        return "html".equals(format) && output == null ? "--format html writes a file: give --output report.html" : null;
    }

    /** Prints the report, or writes it to --output and says so on stderr. */
    void emit(String command, String text) throws BadInput {
        if (output == null) {
            System.out.println(text);
            return;
        }
        write(output, text);
        System.err.println("driftwatch " + command + ": wrote " + output + " (" + text.length() / 1024 + " KiB)");
    }

    static void write(Path file, String text) throws BadInput {
        try {
            java.nio.file.Files.writeString(file, text, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new BadInput("cannot write " + file + ": " + e.getMessage());
        }
    }
}
