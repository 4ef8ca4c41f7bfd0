package io.driftwatch.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Where a model's reference distribution comes from. */
public sealed interface ReferenceConfig {

    /** A stable text that changes whenever the reference would: part of the stored profile's key. */
    String fingerprint();

    /** A span of the model's own logs, from inclusive to exclusive. */
    record Span(Instant from, Instant to) {
        @Override
        public String toString() {
            return from + "/" + to;
        }
    }

    /**
     * The spans of logs the reference is for a window ending at {@code windowTo} of length {@code window}:
     * empty for a file, fixed for a range, moving for rolling and seasonal references.
     */
    default java.util.List<Span> spans(Instant windowTo, java.time.Duration window) {
        return java.util.List.of();
    }

    /** The start of the {@code step}-long slot {@code t} falls in (UTC epoch slots). */
    static Instant floor(Instant t, java.time.Duration step) {
        long ms = step.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), ms) * ms);
    }

    /**
     * A JSON-lines file in the log shape, or a CSV file with one column per feature. Its fingerprint
     * holds a SHA-256 of the content, so a stored profile is refitted when the file changes; the hash is
     * computed again only when the file's size or modification time changes.
     */
    record FileReference(Path file, Location location) implements ReferenceConfig {
        private static final Map<Path, String[]> HASHES = new ConcurrentHashMap<>();

        @Override
        public String fingerprint() {
            Path p = file.toAbsolutePath().normalize();
            return "file:" + p + "#sha256:" + contentHash(p);
        }

        private static String contentHash(Path p) {
            try {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                String stamp = a.size() + "@" + a.lastModifiedTime().toMillis();
                String[] known = HASHES.get(p);
                if (known != null && known[0].equals(stamp)) {
                    return known[1];
                }
                String hash = sha256(p);
                HASHES.put(p, new String[] {stamp, hash});
                return hash;
            } catch (IOException e) {
                return "unreadable";
            }
        }

        private static String sha256(Path p) throws IOException {
            try (InputStream in = Files.newInputStream(p)) {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                byte[] buf = new byte[1 << 16];
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    md.update(buf, 0, n);
                }
                return HexFormat.of().formatHex(md.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }
    }

    /** A time range of the model's own logs. */
    record RangeReference(Instant from, Instant to) implements ReferenceConfig {
        @Override
        public String fingerprint() {
            return "range:" + from + "/" + to;
        }

        @Override
        public java.util.List<Span> spans(Instant windowTo, java.time.Duration window) {
            return java.util.List.of(new Span(from, to));
        }
    }

    /**
     * The model's own logs over a trailing {@code window} that ends {@code lag} before the evaluated window
     * ends, its end rounded down to a {@code refresh} slot so that it is fitted once per slot.
     */
    record RollingReference(java.time.Duration window, java.time.Duration lag, java.time.Duration refresh)
            implements ReferenceConfig {
        @Override
        public String fingerprint() {
            return "rolling:" + window + "/" + lag + "/" + refresh;
        }

        @Override
        public java.util.List<Span> spans(Instant windowTo, java.time.Duration evaluated) {
            Instant end = ReferenceConfig.floor(windowTo.minus(lag), refresh);
            return java.util.List.of(new Span(end.minus(window), end));
        }
    }

    /**
     * The same window one {@code period} earlier (this hour last week), pooled over {@code periods}
     * periods; the window's end rounded down to a {@code refresh} slot so that it is fitted once per slot.
     */
    record SeasonalReference(java.time.Duration period, int periods, java.time.Duration refresh)
            implements ReferenceConfig {
        @Override
        public String fingerprint() {
            return "seasonal:" + period + "x" + periods + "/" + refresh;
        }

        @Override
        public java.util.List<Span> spans(Instant windowTo, java.time.Duration window) {
            Instant anchor = ReferenceConfig.floor(windowTo, refresh);
            java.util.List<Span> out = new java.util.ArrayList<>();
            for (int k = periods; k >= 1; k--) {
                Instant end = anchor.minus(period.multipliedBy(k));
                out.add(new Span(end.minus(window), end));
            }
            return out;
        }
    }

    /** Whether the reference moves with the evaluated window (fitted again per slot). */
    default boolean moves() {
        return this instanceof RollingReference || this instanceof SeasonalReference;
    }
}
