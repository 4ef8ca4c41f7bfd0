package io.driftwatch.alert.outbox;

import io.driftwatch.alert.Notification;
import io.driftwatch.alert.ReceiverConfig;
import io.driftwatch.alert.notify.Notifier;
import io.driftwatch.alert.notify.NotifyException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One receiver's delivery loop, on its own thread so that a slow or failing receiver never delays
 * another: forms the notifications of due groups ({@link Grouper}), then sends the receiver's messages
 * in order, one at a time. A failure is retried with exponential backoff and jitter (a 429's
 * Retry-After is honoured) until the message is {@code give_up_after} old; then it becomes a dead
 * letter and a {@code notification_failed} alert goes to the other receivers.
 *
 * <p>With several replicas, a receiver's outbox is worked by the one that holds its lease (renewed while
 * it works, taken over by another replica when it expires); every write is fenced by the lease, so a
 * replica that lost it cannot form or start a notification. A send in flight when its replica dies is
 * resent by the next holder under the same idempotency key: at-least-once with a stable key.
 */
public final class DeliveryWorker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final long IDLE_MS = 250;

    private final ReceiverConfig receiver;
    private final Notifier notifier;
    private final Grouper grouper;
    private final OutboxContext ctx;
    private final Object signal = new Object();
    private volatile boolean running = true;
    private boolean poked;
    /** Whether the pending gauge may be out of date: something was enqueued or sent since it was counted. */
    private volatile boolean recount = true;
    /** When the held lease is next renewed (0: not held). */
    private long renewAt;

    public DeliveryWorker(ReceiverConfig receiver, Notifier notifier, OutboxContext ctx) {
        this.receiver = receiver;
        this.notifier = notifier;
        this.ctx = ctx;
        this.grouper = new Grouper(receiver, ctx);
    }

    public String receiverName() {
        return receiver.name();
    }

    public void poke() {
        synchronized (signal) {
            poked = true;
            recount = true;
            signal.notifyAll();
        }
    }

    public void stop() {
        running = false;
        poke();
    }

    /** Gives up the receiver's lease (after the loop stopped), so another replica takes over at once. */
    void release() {
        try {
            ctx.leases().release(OutboxContext.lease(receiver.name()));
        } catch (SQLException e) {
            LOG.atWarn().addKeyValue("receiver", receiver.name()).log("outbox lease of {} not released: {}",
                    receiver.name(), e.getMessage());
        }
    }

    /** Whether this replica works the receiver's outbox now: takes or renews its lease when due. */
    boolean holdsLease() throws SQLException {
        long now = ctx.clock().millis();
        long wall = System.currentTimeMillis();
        if (renewAt != 0 && wall < renewAt) {
            return true;
        }
        boolean held = ctx.leases().acquire(OutboxContext.lease(receiver.name()), now);
        if (held != (renewAt != 0)) {
            LOG.atInfo().addKeyValue("receiver", receiver.name()).addKeyValue("replica", ctx.leases().holder())
                    .log(held ? "this replica now delivers to {}" : "another replica now delivers to {}", receiver.name());
        }
        renewAt = held ? wall + ctx.leases().ttl().toMillis() / 3 : 0;
        return held;
    }

    /** One round on the caller's thread: forms due groups, then sends every due message. */
    public void step() throws SQLException {
        if (!holdsLease()) {
            return;
        }
        grouper.formDue();
        while (deliverNext()) {
            // until nothing is due
        }
    }

    @Override
    public void run() {
        while (running) {
            boolean busy = false;
            try {
                if (!holdsLease()) {
                    idle();
                    continue;
                }
                grouper.formDue();
                busy = deliverNext();
                if (busy || recount) {
                    recount = busy;
                    ctx.metrics().outboxPending.labelValues(receiver.name()).set(ctx.store().pending(receiver.name()));
                }
            } catch (OutboxContext.LeaseLost e) {
                renewAt = 0;
                LOG.atInfo().addKeyValue("receiver", receiver.name()).log("{}", e.getMessage());
                storeFailures = 0;
            } catch (SQLException e) {
                storeFailed(e);
                continue;
            } catch (RuntimeException e) {
                LOG.atError().addKeyValue("receiver", receiver.name()).setCause(e)
                        .log("outbox of {} failed; retrying", receiver.name());
            }
            if (!busy) {
                idle();
            }
        }
    }

    /** Store failures in a row; the loop backs off while the store fails, and logs only as it doubles. */
    private int storeFailures;
    static final long MAX_STORE_BACKOFF_MS = 30_000;

    private void storeFailed(SQLException e) {
        storeFailures++;
        long wait = Math.min(MAX_STORE_BACKOFF_MS, IDLE_MS << Math.min(16, storeFailures - 1));
        if (Integer.bitCount(storeFailures) == 1) {
            LOG.atError().addKeyValue("receiver", receiver.name()).addKeyValue("failures", storeFailures)
                    .log("outbox of {} cannot use the store ({} time(s) in a row: {}); retrying in {} ms",
                            receiver.name(), storeFailures, e.getMessage(), wait);
        }
        synchronized (signal) {
            try {
                signal.wait(wait);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    private void idle() {
        synchronized (signal) {
            if (!poked && running) {
                try {
                    signal.wait(IDLE_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            poked = false;
        }
    }

    /** Sends the oldest pending message if it is due; true when one was attempted. */
    boolean deliverNext() throws SQLException {
        Optional<OutboxStore.Message> next = ctx.store().nextPending(receiver.name());
        long now = ctx.clock().millis();
        if (next.isEmpty() || next.get().nextAttemptAt() > now) {
            return false;
        }
        OutboxStore.Message m = next.get();
        Notification n = notification(m);
        ctx.store().db().inTransaction(c -> {
            ctx.fence(c, receiver.name());
            ctx.store().startAttempt(c, m.id());
            return null;
        });
        try {
            String ref = notifier.send(n);
            ctx.store().db().inTransaction(c -> {
                ctx.store().sent(c, m.id(), ctx.clock().millis());
                if (ref != null) {
                    ctx.store().setExternalRef(c, receiver.name(), m.groupKey(), ref);
                }
                return null;
            });
            ctx.metrics().notifications.labelValues(receiver.name(), "sent").inc();
        } catch (NotifyException e) {
            failed(m, e);
        }
        return true;
    }

    private Notification notification(OutboxStore.Message m) throws SQLException {
        Grouper.Payload p = Grouper.Payload.read(m.payload());
        String ref = ctx.store().db().inTransaction(c -> ctx.store().group(c, receiver.name(), m.groupKey())
                .map(OutboxStore.Group::externalRef).orElse(null));
        return new Notification(m.id(), receiver.name(), m.groupKey(), p.groupLabels(), p.alerts(), m.idempotencyKey(),
                m.attempts(), ref);
    }

    private void failed(OutboxStore.Message m, NotifyException e) throws SQLException {
        long now = ctx.clock().millis();
        int attempts = m.attempts() + 1;
        ctx.metrics().notifications.labelValues(receiver.name(), "failed").inc();
        Duration giveUp = ctx.routing().delivery().giveUpAfter();
        if (!e.retryable() || now - m.createdAt() >= giveUp.toMillis()) {
            LOG.atError().addKeyValue("receiver", receiver.name()).addKeyValue("attempts", attempts)
                    .log("notification {} to {} is a dead letter after {} attempt(s): {}", m.idempotencyKey(),
                            receiver.name(), attempts, e.getMessage());
            ctx.deadLetters().dead(m, attempts, e.getMessage());
            return;
        }
        long delay = backoff(attempts, e.retryAfter());
        LOG.atWarn().addKeyValue("receiver", receiver.name()).addKeyValue("attempt", attempts)
                .log("notification to {} failed ({}); retrying in {} ms", receiver.name(), e.getMessage(), delay);
        ctx.store().retryAt(m.id(), now + delay, e.getMessage());
    }

    /** Exponential backoff with jitter (half to all of the step), or exactly the receiver's Retry-After. */
    long backoff(int attempts, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.toMillis();
        }
        var d = ctx.routing().delivery();
        long cap = Math.min(d.maxBackoff().toMillis(), d.initialBackoff().toMillis() << Math.min(30, attempts - 1));
        return cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1);
    }
}
