package io.driftwatch.alert.outbox;

import io.driftwatch.alert.Routing;
import io.driftwatch.metrics.Metrics;
import io.driftwatch.alert.AlertStore;
import io.driftwatch.alert.silence.SilenceStore;
import io.driftwatch.store.Leases;
import java.time.Clock;

/**
 * What every receiver's worker shares. {@code leases}: each receiver's outbox is worked by the one
 * replica that holds its lease.
 */
public record OutboxContext(Routing routing, OutboxStore store, AlertStore alerts, SilenceStore silences,
                           DeadLetters deadLetters, Metrics metrics, Clock clock, Leases leases) {
    /** The lease of a receiver's outbox. */
    static String lease(String receiver) {
        return "outbox:" + receiver;
    }

    /** Thrown inside a transaction that found its lease taken by another replica: the work rolls back. */
    static final class LeaseLost extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LeaseLost(String receiver) {
            super("the outbox lease of " + receiver + " passed to another replica");
        }
    }

    /** Checks, in the transaction, that this replica still works the receiver's outbox. */
    void fence(java.sql.Connection c, String receiver) throws java.sql.SQLException {
        if (!leases.holds(c, lease(receiver), clock.millis())) {
            throw new LeaseLost(receiver);
        }
    }
}
