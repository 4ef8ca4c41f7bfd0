package io.driftwatch.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus-style durations: one or more of {@code <int><unit>} with units ms, s, m, h, d, w; at most {@link #MAX}. */
public final class Durations {
    private static final Pattern WHOLE = Pattern.compile("(\\d+(ms|s|m|h|d|w))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

    private Durations() {
    }

    /** The longest duration any setting takes: about 400 days (a year of retention, with room). */
    public static final Duration MAX = Duration.ofDays(400);

    /** The duration, or empty when the text is not one, is zero, or exceeds {@link #MAX}. */
    public static Optional<Duration> parse(String text) {
        if (text == null || text.length() > 64 || !WHOLE.matcher(text).matches()) {
            return Optional.empty();
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(text);
        while (m.find()) {
            if (m.group(1).length() > 12) {
                return Optional.empty(); // beyond MAX in any unit
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            });
            if (total.compareTo(MAX) > 0) {
                return Optional.empty();
            }
        }
        return total.isZero() ? Optional.empty() : Optional.of(total);
    }

    /** Whether the text has a duration's form (its value may still be out of range). */
    public static boolean looksLikeDuration(String text) {
        return text != null && text.length() <= 64 && WHOLE.matcher(text).matches();
    }

    /** The shortest text that {@link #parse} reads back to the same duration. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
