package io.driftwatch.config;

import java.time.Duration;

/**
 * The JDBC database that keeps references, rule states, alerts and evaluations. On PostgreSQL it is
 * shared by the replicas of a cluster: {@code checkinInterval} is how often each replica's scheduler
 * checks in, and a replica silent for about two of them has its running evaluations taken over.
 */
public record StoreConfig(String jdbcUrl, String user, String password, Duration checkinInterval,
                          Retention retention) {
    public static final Duration DEFAULT_CHECKIN = Duration.ofSeconds(5);

    public StoreConfig(String jdbcUrl, String user, String password) {
        this(jdbcUrl, user, password, DEFAULT_CHECKIN, Retention.DEFAULTS);
    }

    /** How long stored rows are kept; older ones are pruned in small batches by one replica. */
    public record Retention(Duration evaluations, Duration alertEvents, Duration deliveredOutbox,
                            Duration deadLetters, Duration actionDecisions, Duration ingested) {
        public static final Retention DEFAULTS = new Retention(Duration.ofDays(30), Duration.ofDays(90),
                Duration.ofDays(7), Duration.ofDays(30), Duration.ofDays(365), Duration.ofDays(8));
    }
}
