package io.driftwatch.source.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Parses polled records on two threads while the consumer polls the next ones, and hands them on in the order they
 * were polled (each partition's records stay in offset order). At most {@link #AHEAD} polls wait, so memory stays
 * bounded however far the consumer runs ahead.
 *
 * @param <R> a polled record
 * @param <P> what parsing makes of it
 */
final class ParsePipeline<R, P> implements AutoCloseable {
    static final int AHEAD = 4;
    private static final int THREADS = 2;

    private final Function<R, P> parse;
    private final BiConsumer<R, P> keep;
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
        Thread t = new Thread(r, "driftwatch-kafka-parse");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore ahead = new Semaphore(AHEAD);
    private CompletableFuture<Void> kept = CompletableFuture.completedFuture(null);

    ParsePipeline(Function<R, P> parse, BiConsumer<R, P> keep) {
        this.parse = parse;
        this.keep = keep;
    }

    /** Queues one poll's records: parsed in halves on both threads, kept after every earlier poll's. */
    void submit(List<R> records) throws InterruptedException {
        ahead.acquire();
        int half = records.size() / 2;
        CompletableFuture<List<P>> first = CompletableFuture.supplyAsync(() -> parseAll(records.subList(0, half)), pool);
        CompletableFuture<List<P>> second = CompletableFuture.supplyAsync(
                () -> parseAll(records.subList(half, records.size())), pool);
        kept = first.thenCombine(second, (a, b) -> {
            List<P> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        }).thenCombine(kept, (parsed, earlier) -> parsed).thenAccept(parsed -> {
            for (int i = 0; i < records.size(); i++) {
                keep.accept(records.get(i), parsed.get(i));
            }
        }).whenComplete((v, e) -> ahead.release());
    }

    private List<P> parseAll(List<R> records) {
        List<P> out = new ArrayList<>(records.size());
        for (R r : records) {
            out.add(parse.apply(r));
        }
        return out;
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
