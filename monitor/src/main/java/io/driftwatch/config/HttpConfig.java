package io.driftwatch.config;

/** The HTTP listener: health, metrics and the API. Port 0 picks a free port. */
public record HttpConfig(String address, int port) {
}
