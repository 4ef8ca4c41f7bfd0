package io.driftwatch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.driftwatch.app.Configuration;
import io.driftwatch.app.ConfigurationLoader;
import io.driftwatch.app.Driftwatch;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.evaluation.EvaluationRow;
import io.driftwatch.support.Fixtures;
import io.driftwatch.support.ManualClock;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's file stops taking writes (made immutable: even root cannot write it), then takes
 * them again: evaluations fail while it does, and the store comes back by itself afterwards instead of
 * staying closed for good.
 */
class StoreRecoveryTest {
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    @TempDir
    Path dir;

    private static boolean chattr(String flag, Path file) throws Exception {
        Process p = new ProcessBuilder("chattr", flag, file.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    private static EvaluationRow evaluate(Driftwatch d) {
        try {
            return d.evaluateNow("m");
        } catch (Exception e) { // SQLException and whatever the closed store throws: a failed evaluation
            return null;
        }
    }

    @Test
    void aStoreThatFailsWritesComesBackWhenWritesWorkAgain() throws Exception {
        Path config = Fixtures.config(dir, "1h", "alerts.jsonl");
        Fixtures.writeLines(dir.resolve("reference/m.jsonl"), Fixtures.lines(500, 0, T0.minusSeconds(86_400), 1));
        Fixtures.writeLines(dir.resolve("logs/m.jsonl"), Fixtures.lines(300, 0, T0, 2));
        Configuration c = new ConfigurationLoader(TestRegistry.standard()).load(config);
        ManualClock clock = new ManualClock(T0);
        Path file = dir.resolve("data/dw.mv.db");
        try (Driftwatch d = Driftwatch.start(c, new PrintStream(PrintStream.nullOutputStream()), clock)) {
            assertThat(evaluate(d)).isNotNull();
            assumeTrue(chattr("+i", file), "chattr +i is not available on this file system");
            try {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    clock.advance(Duration.ofMinutes(1));
                    return evaluate(d) == null;
                });
                for (int i = 0; i < 3; i++) { // reopened while the file is still immutable: H2 opens it read-only
                    clock.advance(Duration.ofMinutes(1));
                    assertThat(evaluate(d)).as("no evaluation is stored while writes fail").isNull();
                }
            } finally {
                chattr("-i", file);
            }
            EvaluationRow back = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                clock.advance(Duration.ofMinutes(1));
                return evaluate(d);
            }, r -> r != null);
            assertThat(back.records()).isEqualTo(300);
            assertThat(Files.size(file)).isPositive();
        }
    }
}
