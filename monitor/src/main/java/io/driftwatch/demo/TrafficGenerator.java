package io.driftwatch.demo;

import io.driftwatch.util.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends synthetic prediction logs for both demo models, as a model server would, and writes their
 * references. Now and then it writes a malformed line, which Driftwatch must skip and count.
 */
final class TrafficGenerator implements AutoCloseable {
    static final int REFERENCE_ROWS = 5000;
    private static final int RECORDS_PER_TICK = 15;
    private static final Duration TICK = Duration.ofMillis(250);

    private final Path logs;
    private final Clock clock;
    private final SplittableRandom rnd = new SplittableRandom(20261128);
    private final AtomicBoolean drifted = new AtomicBoolean();
    private final AtomicLong ids = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-traffic");
        t.setDaemon(true);
        return t;
    });

    TrafficGenerator(Path logs, Clock clock) {
        this.logs = logs;
        this.clock = clock;
    }

    /** Writes each model's reference (healthy traffic over the past day) as JSON lines. */
    void writeReferences(Path dir) throws IOException {
        Files.createDirectories(dir);
        Instant start = clock.instant().minus(Duration.ofDays(1));
        try (BufferedWriter credit = Files.newBufferedWriter(dir.resolve("credit-risk.jsonl"));
             BufferedWriter churn = Files.newBufferedWriter(dir.resolve("churn.jsonl"))) {
            for (int i = 0; i < REFERENCE_ROWS; i++) {
                Instant at = start.plusSeconds(i * 17L);
                line(credit, DemoModels.creditRisk(rnd, at, false, ids.incrementAndGet()));
                line(churn, DemoModels.churn(rnd, at, false, ids.incrementAndGet()));
            }
        }
    }

    /** Backfills the last {@code history} of traffic, then appends new traffic every tick. */
    void start(Duration history) throws IOException {
        Files.createDirectories(logs);
        Instant now = clock.instant();
        long ticks = history.toMillis() / TICK.toMillis();
        for (long t = ticks; t > 0; t--) {
            tick(now.minus(TICK.multipliedBy(t)));
        }
        timer.scheduleAtFixedRate(() -> tick(clock.instant()), 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    void injectDrift() {
        drifted.set(true);
    }

    private void tick(Instant at) {
        boolean d = drifted.get();
        try (BufferedWriter credit = append("credit-risk.jsonl"); BufferedWriter churn = append("churn.jsonl")) {
            for (int i = 0; i < RECORDS_PER_TICK; i++) {
                Instant t = at.plusMillis(i * TICK.toMillis() / RECORDS_PER_TICK);
                line(credit, DemoModels.creditRisk(rnd, t, d, ids.incrementAndGet()));
                line(churn, DemoModels.churn(rnd, t, d, ids.incrementAndGet()));
            }
            if (ids.get() % 600 < 2 * RECORDS_PER_TICK) {
                credit.write("{\"@timestamp\": \"" + at + "\", \"model\": \"credit-risk\", \"input\": \"truncated\n");
            }
        } catch (IOException e) {
            System.err.println("demo traffic: " + e.getMessage());
        }
    }

    private BufferedWriter append(String file) throws IOException {
        return Files.newBufferedWriter(logs.resolve(file), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private static void line(BufferedWriter w, Object doc) throws IOException {
        w.write(Json.write(doc));
        w.write('\n');
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
