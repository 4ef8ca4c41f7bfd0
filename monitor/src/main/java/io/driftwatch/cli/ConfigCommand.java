package io.driftwatch.cli;

import io.driftwatch.app.ConfigSchemas;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code driftwatch config schema}: the JSON Schemas of the configuration files, for editors and CI. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Configuration tools.",
        subcommands = ConfigCommand.Schema.class)
public final class ConfigCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** Prints one schema, or writes all three into a folder. */
    @Command(name = "schema", mixinStandardHelpOptions = true,
            description = {"Print the JSON Schema of driftwatch.yaml, of a rule file or of the routing file, made by the "
                    + "parser itself. Editors with the YAML language server check and complete files that name it:",
                    "  # yaml-language-server: $schema=<path or URL of the schema>"})
    static final class Schema implements Callable<Integer> {

        @Option(names = "--file", defaultValue = "driftwatch", paramLabel = "driftwatch|rules|routing",
                description = "Which file's schema to print (default: ${DEFAULT-VALUE}).")
        private String file;

        @Option(names = "--out", paramLabel = "DIR",
                description = "Write all three as DIR/<file>.schema.json instead of printing one.")
        private Path out;

        @Override
        public Integer call() throws IOException {
            ConfigSchemas schemas = new ConfigSchemas(TestRegistry.standard());
            if (out != null) {
                Files.createDirectories(out);
                for (ConfigSchemas.Kind kind : ConfigSchemas.Kind.values()) {
                    Path f = out.resolve(kind.name().toLowerCase(Locale.ROOT) + ".schema.json");
                    Files.writeString(f, text(schemas, kind));
                    System.out.println("wrote " + f);
                }
                return 0;
            }
            ConfigSchemas.Kind kind;
            try {
                kind = ConfigSchemas.Kind.valueOf(file.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                System.err.println("driftwatch config schema: --file is driftwatch, rules or routing, not '" + file + "'");
                return 2;
            }
            System.out.print(text(schemas, kind));
            return 0;
        }

        /** The schema as the files in schemas/ hold it: two-space JSON and a final newline. */
        static String text(ConfigSchemas schemas, ConfigSchemas.Kind kind) {
            return Json.PRETTY.writeValueAsString(schemas.schema(kind)) + "\n";
        }
    }
}
