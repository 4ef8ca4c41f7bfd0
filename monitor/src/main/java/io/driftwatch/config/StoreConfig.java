package io.driftwatch.config;

/** The JDBC database that keeps references, rule states, alerts and evaluations. */
public record StoreConfig(String jdbcUrl, String user, String password) {
}
