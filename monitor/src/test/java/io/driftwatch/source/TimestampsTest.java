package io.driftwatch.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.util.Json;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Timestamps of every unit and shape: read in the configured unit, or refused naming the likely one. */
class TimestampsTest {
    private static Timestamps.Read read(String json, String unit) {
        return Timestamps.read(Json.MAPPER.readTree(json), unit);
    }

    @Test
    void epochsAreReadInTheConfiguredUnit() {
        Instant t = Instant.parse("2026-12-04T02:52:46.123456789Z");
        assertThat(read(Long.toString(t.getEpochSecond()), "s").at()).isEqualTo(Instant.parse("2026-12-04T02:52:46Z"));
        assertThat(read(Long.toString(t.toEpochMilli()), "ms").at()).isEqualTo(Instant.parse("2026-12-04T02:52:46.123Z"));
        assertThat(read("1733280766.5", "s").at()).isEqualTo(Instant.parse("2024-12-04T02:52:46.500Z"));
        assertThat(read("\"1764816766123\"", "ms").at()).as("epoch as a string").isEqualTo(Instant.ofEpochMilli(1764816766123L));
        long ns = t.getEpochSecond() * 1_000_000_000L + t.getNano();
        assertThat(read(Long.toString(ns), "ns").at()).isEqualTo(t);
    }

    @Test
    void theWrongUnitIsRefusedNamingTheLikelyOne() {
        assertThat(read("1764816766", "ms").problem()).contains("in ms is 1970-01-21", "in s it is 2025-12-04",
                "timestamp_unit: s");
        assertThat(read("1764816766123456", "ms").problem()).contains("timestamp_unit: us");
        assertThat(read("1764816766123456789", "ms").problem()).contains("timestamp_unit: ns");
        assertThat(read("12", "ms").problem()).contains("no time between 2000 and 2100 in any unit");
    }

    @Test
    void isoWithAndWithoutAZone() {
        assertThat(read("\"2026-12-04T02:52:46+02:00\"", "ms").at()).isEqualTo(Instant.parse("2026-12-04T00:52:46Z"));
        Timestamps.Read naive = read("\"2026-12-04T02:52:46.5\"", "ms");
        assertThat(naive.at()).isEqualTo(Instant.parse("2026-12-04T02:52:46.500Z"));
        assertThat(naive.naive()).isTrue();
        assertThat(read("\"2026-12-04 02:52:46\"", "ms").at()).isEqualTo(Instant.parse("2026-12-04T02:52:46Z"));
        assertThat(read("\"1812-06-01T00:00:00Z\"", "ms").problem()).contains("no time between 2000 and 2100");
        assertThat(read("\"yesterday\"", "ms").problem()).contains("is not ISO-8601 or an epoch number");
        assertThat(read("true", "ms").problem()).contains("not a time");
    }

    /** Any instant of 2000–2100 written in any unit reads back in that unit (to the unit's precision). */
    @Property(tries = 2000)
    void everyUnitReadsBack(@ForAll @LongRange(min = 946_684_800_000L, max = 4_102_444_799_000L) long ms) {
        Instant t = Instant.ofEpochMilli(ms);
        assertThat(read(Long.toString(ms / 1000), "s").at()).isEqualTo(Instant.ofEpochSecond(Math.floorDiv(ms, 1000)));
        assertThat(read(Long.toString(ms), "ms").at()).isEqualTo(t);
        assertThat(read(Long.toString(ms * 1000), "us").at()).isEqualTo(t);
        assertThat(read(Long.toString(ms * 1_000_000), "ns").at()).isEqualTo(t);
        assertThat(read(Long.toString(ms), "s").at()).as("milliseconds taken as seconds are refused").isNull();
    }
}
