package io.driftwatch.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.config.FeatureSpec;
import io.driftwatch.config.FeatureType;
import io.driftwatch.drift.Sample;
import io.driftwatch.source.BadValue;
import io.driftwatch.source.CompactRecords;
import io.driftwatch.source.PredictionRecord;
import io.driftwatch.source.RecordRows;
import io.driftwatch.source.TimeRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** A window read from its columns gives the samples and counted issues the same records give one by one. */
class RowSamplesTest {
    private static final Object[] ODD = {"3.5", " 7 ", "abc", "", "NA", "null", true, false, null,
            new BadValue("an array where a value is expected"), "x".repeat(300), "blue", 2.0};
    private static final List<FeatureSpec> SPECS = List.of(
            new FeatureSpec("x", "x", FeatureType.NUMERIC, List.of()),
            new FeatureSpec("c", "c", FeatureType.CATEGORICAL, List.of()),
            new FeatureSpec("gone", "gone", FeatureType.NUMERIC, List.of()),
            new FeatureSpec("score", "score", FeatureType.NUMERIC, List.of()),
            new FeatureSpec("klass", "klass", FeatureType.CATEGORICAL, List.of()));

    @Property(tries = 150)
    void columnsAndRecordsGiveTheSameSamples(@ForAll @IntRange(min = 0, max = 1200) int n, @ForAll long seed) {
        Random r = new Random(seed);
        CompactRecords kept = new CompactRecords(new CompactRecords.Strings());
        Instant t0 = Instant.parse("2026-12-01T00:00:00Z");
        for (int i = 0; i < n; i++) {
            Map<String, Object> in = new LinkedHashMap<>();
            if (r.nextInt(6) > 0) {
                in.put("x", r.nextInt(4) > 0 ? (Object) r.nextGaussian() : ODD[r.nextInt(ODD.length)]);
            }
            in.put("c", r.nextInt(4) > 0 ? "c" + r.nextInt(5) : ODD[r.nextInt(ODD.length)]);
            Object prediction = r.nextInt(5) > 0 ? (Object) (double) r.nextInt(3) : ODD[r.nextInt(ODD.length)];
            kept.add(new PredictionRecord(t0.plusMillis(i), "m", "1", in, prediction, null, null, null));
        }
        List<RecordRows.Slice> slices = new ArrayList<>();
        kept.collect(new TimeRange(t0.plusMillis(n / 5), t0.plusMillis(n)), slices);
        RecordRows rows = CompactRecords.window(slices);
        for (String prediction : new String[] {"score", "klass"}) {
            FieldIssues columnIssues = new FieldIssues();
            FieldIssues recordIssues = new FieldIssues();
            Map<String, Sample> columns = RecordSamples.of(rows, SPECS, prediction, columnIssues);
            Map<String, Sample> records = RecordSamples.of(new ArrayList<>(rows), SPECS, prediction, recordIssues);
            assertThat(columns.keySet()).isEqualTo(records.keySet());
            columns.forEach((name, s) -> assertThat(s).usingRecursiveComparison().isEqualTo(records.get(name)));
            assertThat(columnIssues.counts()).isEqualTo(recordIssues.counts());
        }
    }
}
