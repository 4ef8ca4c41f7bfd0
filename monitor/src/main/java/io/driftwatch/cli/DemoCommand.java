package io.driftwatch.cli;

import io.driftwatch.app.Configuration;
import io.driftwatch.app.ConfigurationLoader;
import io.driftwatch.app.Driftwatch;
import io.driftwatch.config.Durations;
import io.driftwatch.demo.Demo;
import io.driftwatch.drift.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs Driftwatch on synthetic traffic for two models and injects drift into one of them. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run on synthetic traffic for two models; drift is injected into both after 30 s,",
                "and the drift alerts fire on this console within 90 s. Ctrl-C stops it."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--dir", description = "Where to write logs, config and store (default: a new temporary directory).")
    private Path dir;

    @Option(names = "--drift-after", defaultValue = "30s", description = "When to inject drift (default: ${DEFAULT-VALUE}).")
    private String driftAfter;

    @Option(names = "--duration", description = "Stop after this long (default: run until Ctrl-C).")
    private String duration;

    @Option(names = "--port", description = "HTTP port (default: 8080 if free, else any free port).")
    private Integer port;

    @Override
    public Integer call() throws Exception {
        Duration after = Durations.parse(driftAfter).orElse(null);
        Duration stopAfter = duration == null ? null : Durations.parse(duration).orElse(null);
        if (after == null || (duration != null && stopAfter == null)) {
            System.err.println("driftwatch demo: " + (after == null ? "--drift-after '" + driftAfter : "--duration '" + duration)
                    + "' must be a duration longer than 0, such as 30s, 2m or 1h");
            return 2;
        }
        if (port != null && (port < 0 || port > 65535)) {
            System.err.println("driftwatch demo: --port must be from 0 (any free port) to 65535, not " + port);
            return 2;
        }
        Path root = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("driftwatch-demo-");
        Demo demo = Demo.prepare(root, port != null ? port : io.driftwatch.demo.DemoSetup.preferredPort(), Clock.systemUTC());
        Configuration c = new ConfigurationLoader(TestRegistry.standard()).load(demo.config());
        Driftwatch d = Driftwatch.start(c, System.out, Clock.systemUTC());
        demo.banner(d.baseUrl(), after, System.out);
        demo.injectDriftAfter(after);
        AutoCloseable all = () -> {
            demo.close();
            d.close();
        };
        if (stopAfter != null) {
            Thread.sleep(stopAfter.toMillis());
            all.close();
            return 0;
        }
        RunCommand.awaitShutdown(all);
        return 0;
    }
}
