package io.driftwatch.source.file;

import java.util.Locale;

/**
 * How a log file's lines carry the records ({@code source.format}): {@code json}, one record per line as the
 * model server wrote it; {@code cri}, the node's container log as containerd and CRI-O write it under
 * {@code /var/log/containers} ({@code <time> <stream> <P|F> <line>}, a long line split into partial
 * {@code P} pieces ended by an {@code F}); {@code docker}, Docker's json-file driver
 * ({@code {"log": "...\n", "stream": ..., "time": ...}}, a long line split into pieces without the newline).
 * The wrapper's time is the record's time when the payload has none.
 */
public enum LineFormat {
    JSON, CRI, DOCKER;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format of a key, or null. */
    public static LineFormat of(String key) {
        for (LineFormat f : values()) {
            if (f.key().equals(key)) {
                return f;
            }
        }
        return null;
    }
}
