package io.driftwatch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.app.Configuration;
import io.driftwatch.app.ConfigurationLoader;
import io.driftwatch.app.Driftwatch;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.evaluation.EvaluationRow;
import io.driftwatch.support.FailingWrites;
import io.driftwatch.support.Fixtures;
import io.driftwatch.support.ManualClock;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's file stops taking writes (every write and sync fails, as on a full disk:
 * {@link FailingWrites}), then takes them again: evaluations fail while it does, and the store comes back
 * by itself afterwards instead of staying closed for good.
 */
class StoreRecoveryTest {
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    @TempDir
    Path dir;

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
        Path file = dir.resolve("data/dw.mv.db");
        Files.writeString(config, Files.readString(config).replace("  path: data/dw",
                "  url: \"" + FailingWrites.url(dir.resolve("data/dw")) + "\""));
        Fixtures.writeLines(dir.resolve("reference/m.jsonl"), Fixtures.lines(500, 0, T0.minusSeconds(86_400), 1));
        Fixtures.writeLines(dir.resolve("logs/m.jsonl"), Fixtures.lines(300, 0, T0, 2));
        Configuration c = new ConfigurationLoader(TestRegistry.standard()).load(config);
        ManualClock clock = new ManualClock(T0);
        try (Driftwatch d = Driftwatch.start(c, new PrintStream(PrintStream.nullOutputStream()), clock)) {
            assertThat(evaluate(d)).isNotNull();
            FailingWrites.fail(true);
            try {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    clock.advance(Duration.ofMinutes(1));
                    return evaluate(d) == null;
                });
                for (int i = 0; i < 3; i++) { // reopened while writes still fail
                    clock.advance(Duration.ofMinutes(1));
                    assertThat(evaluate(d)).as("no evaluation is stored while writes fail").isNull();
                }
            } finally {
                FailingWrites.fail(false);
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
