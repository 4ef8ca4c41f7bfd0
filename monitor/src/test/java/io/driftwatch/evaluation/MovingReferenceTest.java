package io.driftwatch.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.support.Fixtures;
import io.driftwatch.support.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * References that follow the traffic: a feature whose mean follows the hour of day is no drift against
 * the same hour on earlier days (seasonal), but is against a whole earlier day (rolling); a real shift is
 * drift against both; a moving reference is fitted for the spans it covers, and too little history is
 * inconclusive with the reason.
 */
class MovingReferenceTest {
    private static final Instant DAY3_PEAK = Instant.parse("2026-11-30T06:00:00Z");

    @TempDir
    Path dir;

    /** One record every 10 s over {@code days} days before {@code end}: x ~ N(2 sin(2π h / 24) + shift, 1). */
    private static List<String> series(Instant end, int days, double shiftLastHour) {
        Random r = new Random(7);
        List<String> out = new ArrayList<>();
        long n = days * 8640L;
        for (long i = n; i > 0; i--) {
            Instant at = end.minusSeconds(10 * i);
            double hour = (at.getEpochSecond() % 86_400) / 3600.0;
            double shift = at.isAfter(end.minus(Duration.ofHours(1))) ? shiftLastHour : 0;
            out.add(Fixtures.logLine(at, 2 * Math.sin(2 * Math.PI * hour / 24) + shift + r.nextGaussian(), "a", "7"));
        }
        return out;
    }

    private Path config(String reference) {
        Fixtures.write(dir.resolve("rules/none.yaml"), "rules: []\n");
        Fixtures.consoleRouting(dir.resolve("alerts/routing.yaml"));
        return Fixtures.write(dir.resolve("driftwatch.yaml"), """
                store: {path: data/dw}
                http: {address: 127.0.0.1, port: 0}
                rules: [rules/*.yaml]
                alerts: alerts/routing.yaml
                models:
                  - name: m
                    source: {path: logs/m.jsonl}
                    reference: %s
                    features: [{name: x, type: numeric}]
                    window: 1h
                """.formatted(reference));
    }

    private EvaluationRow evaluate(String reference, double shift) throws Exception {
        Fixtures.writeLines(dir.resolve("logs/m.jsonl"), series(DAY3_PEAK, 3, shift));
        try (CycleHarness h = new CycleHarness(dir, config(reference), new ManualClock(DAY3_PEAK))) {
            EvaluationRow row = h.cycle.run();
            assertThat(new ProfileStore(h.db).fingerprintOf("m", "7").orElse(""))
                    .as("the profile is keyed by the spans it covers").contains(reference.contains("seasonal")
                            ? "@[2026-11-28T05:00:00Z/2026-11-28T06:00:00Z, 2026-11-29T05:00:00Z/2026-11-29T06:00:00Z]"
                            : "@[2026-11-28T06:00:00Z/2026-11-29T06:00:00Z]");
            return row;
        }
    }

    @Test
    void theSameHourOnEarlierDaysIsNoDriftAndARealShiftIs() throws Exception {
        assertThat(evaluate("{seasonal: {period: 1d, periods: 2}}", 0).verdict()).isEqualTo("OK");
        assertThat(evaluate("{seasonal: {period: 1d, periods: 2}}", 1.0).verdict()).isEqualTo("DRIFT");
    }

    @Test
    void aWholeEarlierDaySeesThePeakAsDrift() throws Exception {
        assertThat(evaluate("{rolling: {window: 1d, lag: 1d}}", 0).verdict()).isEqualTo("DRIFT");
    }

    @Test
    void tooLittleHistoryIsInconclusiveWithTheReason() throws Exception {
        Fixtures.writeLines(dir.resolve("logs/m.jsonl"), series(DAY3_PEAK, 1, 0));
        try (CycleHarness h = new CycleHarness(dir, config("{seasonal: {period: 1w, periods: 4}}"), new ManualClock(DAY3_PEAK))) {
            EvaluationRow row = h.cycle.run();
            assertThat(row.verdict()).isEqualTo("INCONCLUSIVE");
            assertThat(row.error()).contains("logs from 2026-11-02T05:00:00Z to 2026-11-02T06:00:00Z, from 2026-11-09T05:00:00Z")
                    .contains("0 usable row(s), fewer than drift.min_samples 100");
        }
    }
}
