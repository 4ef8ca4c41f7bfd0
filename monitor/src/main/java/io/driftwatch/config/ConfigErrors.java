package io.driftwatch.config;

import java.util.ArrayList;
import java.util.List;

/** Collects the errors of one load so that all of them are reported at once. */
public final class ConfigErrors {
    private final List<ConfigError> errors = new ArrayList<>();
    private final List<Secret> secrets = new ArrayList<>();
    private final List<ConfigError> warnings = new ArrayList<>();
    private final List<TestNamed> testSettings = new ArrayList<>();
    private final ConfigShape shape;

    public ConfigErrors() {
        this(null);
    }

    /** Errors of a parse that also records the files' shape (for the JSON Schema), or not when null. */
    public ConfigErrors(ConfigShape shape) {
        this.shape = shape;
    }

    /** The shape being recorded, or null. */
    public ConfigShape shape() {
        return shape;
    }

    /** What a per-test setting sets. */
    public enum TestSetting { THRESHOLD, FLOOR }

    /** A test named in a per-test setting, checked against the test registry once every file is read. */
    public record TestNamed(Location location, String keyPath, String test, TestSetting setting) {
    }

    public void testSetting(Location location, String keyPath, String test, TestSetting setting) {
        testSettings.add(new TestNamed(location, keyPath, test, setting));
    }

    public List<TestNamed> testSettings() {
        return List.copyOf(testSettings);
    }

    /** Something legal but probably not meant: reported, never fatal. */
    public void warn(Location location, String keyPath, String message) {
        warnings.add(new ConfigError(location, keyPath, message));
    }

    public List<ConfigError> warnings() {
        return List.copyOf(warnings);
    }

    /** A secret named by an environment variable: where it is named, for whom, and the variable. */
    public record Secret(Location location, String keyPath, String variable, String owner) {
    }

    /** Notes a secret's variable, checked against the environment once every file is read. */
    public void secret(Location location, String keyPath, String variable, String owner) {
        secrets.add(new Secret(location, keyPath, variable, owner));
    }

    public List<Secret> secrets() {
        return List.copyOf(secrets);
    }

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
