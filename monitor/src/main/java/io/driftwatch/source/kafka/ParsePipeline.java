package io.driftwatch.source.kafka;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Parses polled records on two threads while the consumer polls the next ones, and hands on what each half of a
 * poll gave in the order they were polled (each partition's records stay in offset order). At most {@link #AHEAD}
 * polls wait, so memory stays bounded however far the consumer runs ahead.
 *
 * @param <R> a polled record
 * @param <P> what parsing makes of a run of them
 */
final class ParsePipeline<R, P> implements AutoCloseable {
    static final int AHEAD = 4;
    private static final int THREADS = 2;

    private final Function<List<R>, P> parse;
    private final Consumer<P> keep;
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
        Thread t = new Thread(r, "driftwatch-kafka-parse");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore ahead = new Semaphore(AHEAD);
    private CompletableFuture<Void> kept = CompletableFuture.completedFuture(null);

    ParsePipeline(Function<List<R>, P> parse, Consumer<P> keep) {
        this.parse = parse;
        this.keep = keep;
    }

    /** Queues one poll's records: parsed in halves on both threads, kept after every earlier poll's. */
    void submit(List<R> records) throws InterruptedException {
        ahead.acquire();
        int half = records.size() / 2;
        CompletableFuture<P> first = CompletableFuture.supplyAsync(() -> parse.apply(records.subList(0, half)), pool);
        CompletableFuture<P> second = CompletableFuture.supplyAsync(
                () -> parse.apply(records.subList(half, records.size())), pool);
        kept = first.thenCombine(second, List::of).thenCombine(kept, (both, earlier) -> both).thenAccept(both -> {
            keep.accept(both.get(0));
            keep.accept(both.get(1));
        }).whenComplete((v, e) -> ahead.release());
    }

    /** Waits until every queued record is kept; a failure of parsing or keeping is thrown here. */
    void finish() throws InterruptedException, ExecutionException {
        kept.get();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
