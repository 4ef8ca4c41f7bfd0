package io.driftwatch.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.config.FieldMapping;
import io.driftwatch.support.Fixtures;
import io.driftwatch.support.Garbage;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import org.junit.jupiter.api.Test;

/**
 * The streaming fast path and the tree parser give the same answer for every line: the same record, or
 * the same reason to skip it (10,000 generated lines: valid ones, mutated ones, odd shapes); and the fast
 * timestamp reader agrees with {@link Instant#parse} wherever it answers.
 */
class FastParserPropertyTest {
    private static final LogRecordParser PARSER = new LogRecordParser(FieldMapping.defaults());

    @Provide
    Arbitrary<String> lines() {
        return Garbage.text(List.of(Fixtures.logLine(Instant.parse("2026-11-02T10:15:30.123Z"), 1.5, "a", "7"),
                "{\"@timestamp\": \"2026-02-28T23:59:59Z\", \"model\": \"m\", \"model_version\": null, \"input\": "
                        + "{\"x\": 12, \"y\": true, \"z\": null, \"x\": -3.5e-7}, \"prediction\": \"yes\", \"label\": false, "
                        + "\"latency_ms\": 12, \"request_id\": \"r-1\", \"extra\": {\"deep\": [1, {\"a\": 2}]}}",
                "{\"@timestamp\": 1764324000000, \"model\": \"m\", \"input\": {\"x\": {\"a\": [1, 2]}, \"c\": null}, "
                        + "\"prediction\": 0.3, \"label\": 1, \"latency_ms\": 12, \"request_id\": \"r-1\"}",
                "{\"@timestamp\": \"2026-11-02T10:15:30Z\", \"input\": {\"x\": 1e400, \"n\": 123456789012345678901234567890}, "
                        + "\"prediction\": [1], \"label\": {\"a\": 1}, \"latency_ms\": \"slow\", \"model\": 5}"));
    }

    @Property(tries = 10_000, shrinking = ShrinkingMode.BOUNDED)
    void theFastPathAndTheTreeAgree(@ForAll("lines") String line) {
        LogRecordParser.Parsed fast = PARSER.parse(line);
        LogRecordParser.Parsed tree = PARSER.parseTree(line);
        if (tree instanceof LogRecordParser.Ok ok) {
            assertThat(fast).isEqualTo(ok);
        } else {
            assertThat(fast).isInstanceOf(LogRecordParser.Skipped.class);
            assertThat(((LogRecordParser.Skipped) fast).reason()).isEqualTo(((LogRecordParser.Skipped) tree).reason());
        }
    }

    @Test
    void fastTimestampsAgreeWithInstantParse() {
        for (String s : List.of("2026-11-02T10:15:30Z", "2026-11-02T10:15:30.1Z", "2026-11-02T10:15:30.123456789Z",
                "2024-02-29T00:00:00Z", "2023-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-02T24:00:00Z",
                "2026-11-02T10:15:60Z", "2026-11-02T10:15:30.Z", "2026-11-02T10:15:30.1234567890Z", "2026-11-02t10:15:30z",
                "2026-11-02T10:15:30+01:00", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "2026-1-02T10:15:30Z")) {
            Instant fast = FastTimestamps.parse(s);
            Instant slow;
            try {
                slow = Instant.parse(s);
            } catch (DateTimeParseException e) {
                slow = null;
            }
            if (fast != null) {
                assertThat(fast).as(s).isEqualTo(slow);
            }
        }
        assertThat(FastTimestamps.parse("2026-11-02T10:15:30.5Z")).isEqualTo(Instant.parse("2026-11-02T10:15:30.500Z"));
        assertThat(FastTimestamps.parse("2023-02-29T00:00:00Z")).isNull();
    }
}
