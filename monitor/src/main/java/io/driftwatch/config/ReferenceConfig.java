package io.driftwatch.config;

import java.nio.file.Path;
import java.time.Instant;

/** Where a model's reference distribution comes from. */
public sealed interface ReferenceConfig {

    /** A stable text that changes whenever the reference would: part of the stored profile's key. */
    String fingerprint();

    /** A JSON-lines file in the log shape, or a CSV file with one column per feature. */
    record FileReference(Path file) implements ReferenceConfig {
        @Override
        public String fingerprint() {
            return "file:" + file.toAbsolutePath().normalize();
        }
    }

    /** A time range of the model's own logs. */
    record RangeReference(Instant from, Instant to) implements ReferenceConfig {
        @Override
        public String fingerprint() {
            return "range:" + from + "/" + to;
        }
    }
}
