package io.driftwatch.cli;

import io.driftwatch.app.Configuration;
import io.driftwatch.app.ConfigurationLoader;
import io.driftwatch.config.ConfigError;
import io.driftwatch.config.ConfigException;
import io.driftwatch.drift.TestRegistry;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Checks a configuration and every file it names; prints all errors at once. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a configuration, its rule files and its routing. Exit 0 if valid, 1 if not.")
public final class ValidateCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, required = true, description = "The driftwatch.yaml file.")
    private Path config;

    @Override
    public Integer call() {
        try {
            Configuration c = new ConfigurationLoader(TestRegistry.standard()).load(config);
            c.warnings().forEach(w -> System.err.println("warning: " + w));
            System.out.printf("%s is valid: %d model(s), %d rule(s), %d receiver(s)%n", config,
                    c.main().models().size(), c.rules().size(), c.routing().receivers().size());
            return 0;
        } catch (ConfigException e) {
            printErrors(e);
            return 1;
        }
    }

    static void printErrors(ConfigException e) {
        for (ConfigError err : e.errors()) {
            System.err.println(err);
        }
        System.err.printf("%d error(s)%n", e.errors().size());
    }
}
