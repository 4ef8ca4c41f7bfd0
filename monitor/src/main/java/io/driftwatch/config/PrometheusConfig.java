package io.driftwatch.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The Prometheus that PromQL rules query: its URL, credentials (names of environment variables, never
 * the secrets themselves), a CA file for TLS, the query timeout, and how often the rules run.
 */
public record PrometheusConfig(String url, String bearerTokenEnv, String usernameEnv, String passwordEnv,
                               Path caFile, Duration timeout, Duration interval) {
}
