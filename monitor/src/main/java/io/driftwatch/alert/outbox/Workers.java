package io.driftwatch.alert.outbox;

import io.driftwatch.alert.ReceiverConfig;
import io.driftwatch.alert.notify.Notifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One {@link DeliveryWorker} thread per receiver; started with the daemon, stopped before the store closes. */
public final class Workers implements AutoCloseable {
    private final List<DeliveryWorker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    public Workers(Map<String, ReceiverConfig> receivers, Map<String, Notifier> notifiers, OutboxContext ctx) {
        receivers.forEach((name, r) -> workers.add(new DeliveryWorker(r, notifiers.get(name), ctx)));
    }

    public void start() {
        for (DeliveryWorker w : workers) {
            Thread t = new Thread(w, "outbox-" + w.receiverName());
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
    }

    public void pokeAll() {
        workers.forEach(DeliveryWorker::poke);
    }

    /** Stops the loops; a send in flight finishes (or is resent after the next start: same idempotency key). */
    @Override
    public void close() {
        workers.forEach(DeliveryWorker::stop);
        for (Thread t : threads) {
            try {
                t.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        workers.forEach(DeliveryWorker::release);
    }
}
