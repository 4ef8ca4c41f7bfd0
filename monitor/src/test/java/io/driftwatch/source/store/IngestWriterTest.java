package io.driftwatch.source.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The ingest queue: bounded (a full queue refuses at once), group commits, a failing store refuses whole batches. */
class IngestWriterTest {
    private static IngestEvent event(int i) {
        return new IngestEvent("isvc", "ml", "e" + i, IngestEvent.Kind.REQUEST, Instant.EPOCH, "{}");
    }

    @Test
    void aFullQueueRefusesAtOnceAndWhatWasQueuedIsCommittedInGroups() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch writing = new CountDownLatch(1);
        List<Integer> batches = Collections.synchronizedList(new ArrayList<>());
        IngestWriter.Sink slow = (events, now) -> {
            writing.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            batches.add(events.size());
        };
        try (IngestWriter w = new IngestWriter(slow, 2, Clock.systemUTC())) {
            CompletableFuture<Void> first = w.submit(List.of(event(0)));
            assertThat(writing.await(10, TimeUnit.SECONDS)).as("the writer holds the first post").isTrue();
            CompletableFuture<Void> second = w.submit(List.of(event(1), event(2)));
            CompletableFuture<Void> third = w.submit(List.of(event(3)));
            CompletableFuture<Void> refused = w.submit(List.of(event(4)));
            assertThat(refused).isCompletedExceptionally();
            assertThatThrownBy(refused::get).cause().isInstanceOf(IngestWriter.Refused.class)
                    .satisfies(e -> assertThat(((IngestWriter.Refused) e).full()).isTrue())
                    .hasMessageContaining("the ingest queue is full");
            assertThat(second).isNotDone();
            release.countDown();
            CompletableFuture.allOf(first, second, third).get(10, TimeUnit.SECONDS);
            assertThat(batches).as("the first alone, then the two queued posts in one transaction").containsExactly(1, 3);
        }
    }

    @Test
    void aFailingStoreRefusesTheWholeBatchNotAsFull() {
        IngestWriter.Sink failing = (events, now) -> {
            throw new SQLException("disk full");
        };
        try (IngestWriter w = new IngestWriter(failing, 10, Clock.systemUTC())) {
            assertThatThrownBy(() -> w.submit(List.of(event(0), event(1))).get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(IngestWriter.Refused.class)
                    .hasMessageContaining("disk full").satisfies(e -> assertThat(((IngestWriter.Refused) e).full()).isFalse());
        }
    }
}
