package io.driftwatch.config;

import java.util.ArrayList;
import java.util.List;

/** Collects the errors of one load so that all of them are reported at once. */
public final class ConfigErrors {
    private final List<ConfigError> errors = new ArrayList<>();

    public void add(Location location, String keyPath, String message) {
        errors.add(new ConfigError(location, keyPath, message));
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public List<ConfigError> list() {
        return List.copyOf(errors);
    }

    /** Throws a {@link ConfigException} holding every error collected so far, if there is any. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
    }
}
