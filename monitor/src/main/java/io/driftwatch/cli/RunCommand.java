package io.driftwatch.cli;

import io.driftwatch.app.Configuration;
import io.driftwatch.app.ConfigurationLoader;
import io.driftwatch.app.Driftwatch;
import io.driftwatch.config.ConfigException;
import io.driftwatch.drift.TestRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the daemon until SIGTERM or Ctrl-C. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the daemon. It refuses to start on an invalid configuration (exit 1).")
public final class RunCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, required = true, description = "The driftwatch.yaml file.")
    private Path config;

    @Override
    public Integer call() throws Exception {
        Configuration c;
        try {
            c = new ConfigurationLoader(TestRegistry.standard()).load(config);
        } catch (ConfigException e) {
            ValidateCommand.printErrors(e);
            return 1;
        }
        c.warnings().forEach(w -> org.slf4j.LoggerFactory.getLogger(RunCommand.class).warn("configuration: {}", w));
        Driftwatch d = Driftwatch.start(c, System.out, Clock.systemUTC());
        d.reloadOnSighup();
        awaitShutdown(d);
        return 0;
    }

    /**
     * Blocks until the JVM is asked to stop; the hook lets a running evaluation commit before the store
     * closes, so rule states are intact at the next start.
     */
    static void awaitShutdown(AutoCloseable resource) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                resource.close();
            } catch (Exception e) {
                e.printStackTrace(System.err);
            } finally {
                stopped.countDown();
            }
        }, "driftwatch-shutdown"));
        stopped.await();
    }
}
