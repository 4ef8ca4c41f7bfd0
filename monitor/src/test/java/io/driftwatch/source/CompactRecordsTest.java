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
        List<RecordRows.Slice> slices = new ArrayList<>();
        kept.collect(window, slices);
        RecordRows out = CompactRecords.window(slices);
        List<PredictionRecord> expected = in.stream().filter(p -> window.contains(p.timestamp())).toList();
        assertThat(out).containsExactlyElementsOf(expected);
        assertThat(kept.size()).isLessThanOrEqualTo(n);
        for (int i = 0; i < out.size(); i += 1 + r.nextInt(7)) {
            assertThat(out.get(i)).isEqualTo(expected.get(i));
        }
        for (int i = 0; i < n / 3; i++) { // later rows, also new fields, do not change a window already read
            Map<String, Object> more = new LinkedHashMap<>(random(r, t0).input());
            more.put("new" + i % 3, 1.0);
            kept.add(new PredictionRecord(t0.plusMillis(n * 10L), "m", "1", more, 2.0, null, null, null));
        }
        assertThat(out).containsExactlyElementsOf(expected);
    }

    /** Rows kept apart (as on parse threads) and appended come back in order, and small appends fill chunks up. */
    @Property(tries = 100)
    void appendedRowsComeBackInOrderInFewChunks(@ForAll @IntRange(min = 1, max = 40) int parts, @ForAll long seed) {
        Random r = new Random(seed);
        CompactRecords.Strings strings = new CompactRecords.Strings();
        CompactRecords kept = new CompactRecords(strings);
        List<PredictionRecord> in = new ArrayList<>();
        Instant t = Instant.parse("2026-12-01T00:00:00Z");
        for (int p = 0; p < parts; p++) {
            CompactRecords part = new CompactRecords(strings);
            int n = r.nextBoolean() ? r.nextInt(20) : r.nextInt(700);
            for (int i = 0; i < n; i++) {
                PredictionRecord rec = random(r, t.plusMillis(in.size()));
                in.add(rec);
                part.add(rec);
            }
            kept.append(part);
            assertThat(part.size()).isZero();
        }
        assertThat(kept.all()).isEqualTo(in);
        assertThat(kept.chunks()).as("no two neighbouring chunks would fit in one")
                .isLessThanOrEqualTo(2 * in.size() / CompactRecords.CHUNK + 1);
    }

    /** A window's columns read straight from the chunks are the records' values, and its keys theirs. */
    @Property(tries = 100)
    void aColumnReadsAsItsRecords(@ForAll @IntRange(min = 0, max = 1500) int n, @ForAll long seed) {
        Random r = new Random(seed);
        CompactRecords kept = new CompactRecords(new CompactRecords.Strings());
        Instant t0 = Instant.parse("2026-12-01T00:00:00Z");
        for (int i = 0; i < n; i++) {
            kept.add(random(r, t0.plusMillis(i)));
        }
        List<RecordRows.Slice> slices = new ArrayList<>();
        kept.collect(new TimeRange(t0.plusMillis(n / 4), t0.plusMillis(n)), slices);
        RecordRows rows = CompactRecords.window(slices);
        for (String k : new String[] {"x", "c", "late", "none"}) {
            assertThat(values(s -> rows.inputValues(k, s))).isEqualTo(rows.stream().map(p -> p.input().get(k)).toList());
        }
        assertThat(values(rows::predictions)).isEqualTo(rows.stream().map(PredictionRecord::prediction).toList());
        assertThat(rows.inputKeys()).isEqualTo(rows.stream().flatMap(p -> p.input().keySet().stream())
                .collect(java.util.stream.Collectors.toSet()));
    }

    private static List<Object> values(java.util.function.Consumer<RecordRows.ValueSink> read) {
        List<Object> out = new ArrayList<>();
        read.accept(new RecordRows.ValueSink() {
            @Override
            public void number(double x) {
                out.add(x);
            }

            @Override
            public void other(Object value) {
                out.add(value);
            }
        });
        return out;
    }
}
