package io.driftwatch.source.store;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The ingest endpoint's write path: a bounded queue of posted events and one writer that commits what has
 * queued up in one transaction (group commit), then completes each sender's future, so an acknowledged
 * event is durable and a full queue is refused at once rather than held in memory. A batch is written whole
 * or not at all.
 */
public final class IngestWriter implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(IngestWriter.class);
    /** Most events one transaction writes. */
    static final int MAX_BATCH = 2000;

    /** Why a submission was refused. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean full;

        Refused(String message, boolean full, Throwable cause) {
            super(message, cause, false, false);
            this.full = full;
        }

        /** The queue was full (try again shortly), rather than the store failing. */
        public boolean full() {
            return full;
        }
    }

    /** Where batches go: the ingest table, in one transaction each. */
    public interface Sink {
        void insert(List<IngestEvent> events, java.time.Instant now) throws SQLException;
    }

    private record Pending(List<IngestEvent> events, CompletableFuture<Void> done) {
    }

    private final Sink table;
    private final Clock clock;
    private final BlockingQueue<Pending> queue;
    private final Thread writer;
    private volatile boolean running = true;

    public IngestWriter(Sink table, int capacity, Clock clock) {
        this.table = table;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = new Thread(this::loop, "driftwatch-ingest-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Events queued, waiting for their commit. */
    public int queued() {
        return queue.size();
    }

    /** Queues a sender's events; the future completes once they are committed (or fails with {@link Refused}). */
    public CompletableFuture<Void> submit(List<IngestEvent> events) {
        Pending p = new Pending(events, new CompletableFuture<>());
        if (!running || !queue.offer(p)) {
            p.done().completeExceptionally(new Refused("the ingest queue is full (" + queue.size() + " posts waiting)",
                    true, null));
        }
        return p.done();
    }

    private void loop() {
        List<Pending> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                int events = first.events().size();
                for (Pending p = queue.peek(); p != null && events + p.events().size() <= MAX_BATCH; p = queue.peek()) {
                    batch.add(queue.poll());
                    events += p.events().size();
                }
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        List<IngestEvent> all = new ArrayList<>();
        batch.forEach(p -> all.addAll(p.events()));
        try {
            table.insert(all, clock.instant());
            batch.forEach(p -> p.done().complete(null));
        } catch (SQLException | RuntimeException e) {
            LOG.atWarn().log("ingest: {} event(s) not stored: {}", all.size(), e.getMessage());
            Refused r = new Refused("the store cannot take the events: " + e.getMessage(), false, e);
            batch.forEach(p -> p.done().completeExceptionally(r));
        }
    }

    /** Stops taking events; what is queued is still written. */
    @Override
    public void close() {
        running = false;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Pending p = queue.poll(); p != null; p = queue.poll()) {
            p.done().completeExceptionally(new Refused("Driftwatch is stopping", true, null));
        }
    }
}
