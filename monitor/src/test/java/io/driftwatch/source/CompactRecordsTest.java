package io.driftwatch.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Records kept column by column come back exactly as they went in, and a window takes exactly its own. */
class CompactRecordsTest {
    private static final Object[] VALUES = {1.5, -0.0, Double.NaN, 1e300, "a", "b", "", true, false, null};

    private static PredictionRecord random(Random r, Instant t) {
        Map<String, Object> in = new LinkedHashMap<>();
        for (String k : new String[] {"x", "y", "c", "late"}) {
            if (r.nextInt(10) > 0 || !k.equals("late")) {
                if (r.nextInt(8) > 0) { // some records lack some fields
                    in.put(k, r.nextBoolean() ? r.nextGaussian() : VALUES[r.nextInt(VALUES.length)]);
                }
            }
        }
        return new PredictionRecord(t, r.nextInt(20) == 0 ? null : "m", r.nextBoolean() ? "1" : "2", in,
                r.nextInt(5) == 0 ? null : r.nextBoolean() ? (Object) r.nextDouble() : "yes",
                r.nextInt(3) == 0 ? (Object) (r.nextBoolean() ? 1.0 : 0.0) : null,
                r.nextInt(4) == 0 ? r.nextDouble() * 100 : null, r.nextInt(6) == 0 ? "req-" + r.nextInt() : null);
    }

    @Property(tries = 200)
    void everyRecordComesBackAsItWentIn(@ForAll @IntRange(min = 0, max = 900) int n, @ForAll long seed) {
        Random r = new Random(seed);
        CompactRecords kept = new CompactRecords(new CompactRecords.Strings());
        List<PredictionRecord> in = new ArrayList<>();
        Instant t = Instant.parse("2026-12-01T00:00:00.123456789Z");
        for (int i = 0; i < n; i++) {
            Instant at = r.nextInt(50) == 0 ? Instant.parse("1500-01-01T00:00:00Z") : t.plusMillis(r.nextInt(100_000));
            PredictionRecord rec = random(r, at);
            in.add(rec);
            kept.add(rec);
        }
        assertThat(kept.all()).isEqualTo(in);
        assertThat(kept.size()).isEqualTo(n);
    }

    @Property(tries = 100)
    void aWindowHoldsItsRecordsAndDroppingKeepsThem(@ForAll @IntRange(min = 1, max = 2000) int n, @ForAll long seed) {
        Random r = new Random(seed);
        CompactRecords kept = new CompactRecords(new CompactRecords.Strings());
        List<PredictionRecord> in = new ArrayList<>();
        Instant t0 = Instant.parse("2026-12-01T00:00:00Z");
        for (int i = 0; i < n; i++) {
            PredictionRecord rec = random(r, t0.plusMillis(i * 10L + r.nextInt(30))); // slightly out of order
            in.add(rec);
            kept.add(rec);
        }
        TimeRange window = new TimeRange(t0.plusMillis(r.nextInt(n * 10)), t0.plusMillis(n * 10L + 50));
        kept.dropBefore(window.from());
        List<PredictionRecord> out = new ArrayList<>();
        kept.collect(window, out);
        assertThat(out).containsExactlyElementsOf(in.stream().filter(p -> window.contains(p.timestamp())).toList());
        assertThat(kept.size()).isLessThanOrEqualTo(n);
    }
}
