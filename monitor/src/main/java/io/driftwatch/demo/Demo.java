package io.driftwatch.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A running demo: its directory, its traffic, and the drift injection timer. */
public final class Demo implements AutoCloseable {
    static final String INTERVAL = "5s";
    static final String WINDOW = "20s";

    private final Path config;
    private final Path root;
    private final TrafficGenerator traffic;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-drift");
        t.setDaemon(true);
        return t;
    });

    private Demo(Path root, Path config, TrafficGenerator traffic) {
        this.root = root;
        this.config = config;
        this.traffic = traffic;
    }

    /** Writes config, rules, routing and references into {@code root} and starts healthy traffic. */
    public static Demo prepare(Path root, int port, Clock clock) throws IOException {
        Path config = DemoSetup.write(root, port, INTERVAL, WINDOW);
        TrafficGenerator traffic = new TrafficGenerator(root.resolve("logs"), clock);
        traffic.writeReferences(root.resolve("reference"));
        traffic.start(Duration.ofSeconds(20));
        return new Demo(root, config, traffic);
    }

    public Path config() {
        return config;
    }

    public void injectDriftAfter(Duration after) {
        timer.schedule(() -> {
            traffic.injectDrift();
            System.out.println(">>> demo: drift injected into credit-risk (income, debt_ratio) and churn (plan, device)");
        }, after.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void banner(String baseUrl, Duration driftAfter, PrintStream out) {
        out.println("""
                Driftwatch demo
                  directory: %s
                  console:   %s/
                  metrics:   %s/metrics
                  API:       %s/api/v1/models
                             %s/api/v1/models/credit-risk/evaluations?limit=5
                  health:    %s/healthz  %s/readyz
                Two models evaluated every %s over a %s window; drift is injected after %ds.
                Alerts appear below as 'ALERT FIRING'. Ctrl-C stops the demo.
                """.formatted(root, baseUrl, baseUrl, baseUrl, baseUrl, baseUrl, baseUrl, INTERVAL, WINDOW,
                driftAfter.toSeconds()));
        out.flush();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        traffic.close();
    }
}
