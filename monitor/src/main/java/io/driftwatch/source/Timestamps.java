package io.driftwatch.source;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A record's time from its timestamp field: ISO-8601 with a zone or offset (a space for the T too);
 * ISO-8601 without a zone, read as UTC as pandas does (the caller warns once); or an epoch number (or a
 * string of digits) in the configured unit. An epoch that is no time between 2000 and 2100 in that unit
 * is refused with the unit it most likely is, since a wrong unit would put every record outside every
 * window and leave the model silently blind.
 */
public final class Timestamps {
    /** A time, or why there is none; {@code naive} when it had no zone and was read as UTC. */
    public record Read(Instant at, String problem, boolean naive) {
    }

    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");
    private static final Map<String, Long> PER_SECOND = Map.of("s", 1L, "ms", 1_000L, "us", 1_000_000L,
            "ns", 1_000_000_000L);
    private static final List<String> UNITS = List.of("s", "ms", "us", "ns");

    private Timestamps() {
    }

    public static Read read(JsonNode ts, String unit) {
        if (ts.isNumber()) {
            if ((ts.isDouble() || ts.isFloat()) && !Double.isFinite(ts.doubleValue())) {
                return new Read(null, "is " + ts.asString() + ", not a time", false);
            }
            return epoch(ts.decimalValue(), unit);
        }
        if (!ts.isString()) {
            return new Read(null, "is " + ts.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)
                    + ", not a time", false);
        }
        return text(ts.stringValue().strip(), unit);
    }

    static Read text(String s, String unit) {
        if (!s.isEmpty() && s.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.' || c == '-')) {
            try {
                return epoch(new BigDecimal(s), unit);
            } catch (NumberFormatException e) {
                return new Read(null, "'" + shortened(s) + "' is not a time", false);
            }
        }
        String iso = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + "T" + s.substring(11) : s;
        try {
            return plausible(Instant.parse(iso), false, s);
        } catch (DateTimeParseException e) {
            // an offset Instant does not take, or no zone at all
        }
        try {
            return plausible(OffsetDateTime.parse(iso).toInstant(), false, s);
        } catch (DateTimeParseException e) {
            // no zone at all
        }
        try {
            return plausible(LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC), true, s);
        } catch (DateTimeParseException e) {
            return new Read(null, "'" + shortened(s) + "' is not ISO-8601 or an epoch number", false);
        }
    }

    private static Read plausible(Instant at, boolean naive, String text) {
        return at.isBefore(EARLIEST) || !at.isBefore(LATEST)
                ? new Read(null, "'" + shortened(text) + "' is no time between 2000 and 2100", false)
                : new Read(at, null, naive);
    }

    private static Read epoch(BigDecimal v, String unit) {
        Instant at = instant(v, unit);
        if (at != null && !at.isBefore(EARLIEST) && at.isBefore(LATEST)) {
            return new Read(at, null, false);
        }
        for (String u : UNITS) {
            Instant other = instant(v, u);
            if (!u.equals(unit) && other != null && !other.isBefore(EARLIEST) && other.isBefore(LATEST)) {
                return new Read(null, "epoch " + v.toPlainString() + " in " + unit + " is " + (at == null ? "out of range"
                        : at) + "; in " + u + " it is " + other + ": set source.fields.timestamp_unit: " + u, false);
            }
        }
        return new Read(null, "epoch " + v.toPlainString() + " is no time between 2000 and 2100 in any unit", false);
    }

    /** The instant of {@code v} units since the epoch, or null beyond what an Instant holds. */
    static Instant instant(BigDecimal v, String unit) {
        BigDecimal seconds = v.divide(BigDecimal.valueOf(PER_SECOND.get(unit)), 9, RoundingMode.HALF_EVEN);
        if (seconds.abs().compareTo(BigDecimal.valueOf(Instant.MAX.getEpochSecond())) > 0) {
            return null;
        }
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        return Instant.ofEpochSecond(whole.longValueExact(), seconds.subtract(whole).movePointRight(9).longValue());
    }

    private static String shortened(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
