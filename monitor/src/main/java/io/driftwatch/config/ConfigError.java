package io.driftwatch.config;

/** One problem in a configuration file: where it is, which key, and why. */
public record ConfigError(Location location, String keyPath, String message) {

    @Override
    public String toString() {
        return location + ": " + (keyPath.isEmpty() ? "(root)" : keyPath) + ": " + message;
    }
}
