package io.driftwatch.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.config.ScheduleConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Spread first fires, and a run that could not start on time runs late (and says so) instead of never. */
class ModelSchedulerTest {

    @Test
    void firstFiresAreSpreadEvenlyOverTheInterval() {
        Duration minute = Duration.ofMinutes(1);
        assertThat(ModelScheduler.spread(0, 4, minute)).isZero();
        assertThat(ModelScheduler.spread(1, 4, minute)).isEqualTo(Duration.ofSeconds(15));
        assertThat(ModelScheduler.spread(3, 4, minute)).isEqualTo(Duration.ofSeconds(45));
        assertThat(ModelScheduler.spread(0, 1, minute)).isZero();
        assertThat(ModelScheduler.spread(499, 500, minute)).isLessThan(minute);
        assertThat(ModelScheduler.threadsFor(500)).isBetween(4, 16);
        assertThat(ModelScheduler.threadsFor(1)).isEqualTo(1);
    }

    @Test
    void aRunThatCouldNotStartOnTimeRunsLateAndIsReported() throws Exception {
        List<Long> missed = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        try (ModelScheduler s = new ModelScheduler(1, (task, by, intervals) -> missed.add(intervals))) {
            // one worker thread: "slow" holds it, so "m" cannot start on time
            s.schedule("slow", new ScheduleConfig(Duration.ofHours(1), null), Duration.ZERO, () -> {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            s.schedule("m", new ScheduleConfig(Duration.ofSeconds(1), null), Duration.ofMillis(100),
                    runs::incrementAndGet);
            assertThat(s.firstOffset("m")).isEqualTo(Duration.ofMillis(100));
            Instant started = Instant.now();
            s.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> Instant.now().isAfter(started.plusSeconds(7)));
            assertThat(runs.get()).as("the only worker is busy").isZero();
            release.countDown();
            await().atMost(Duration.ofSeconds(20)).until(() -> runs.get() >= 1 && !missed.isEmpty());
            assertThat(missed.get(0)).as("whole 1 s intervals missed while the worker was busy").isGreaterThanOrEqualTo(5);
        }
    }
}
