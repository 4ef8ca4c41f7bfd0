package io.driftwatch.evaluation;

import io.driftwatch.config.FeatureSpec;
import io.driftwatch.config.FeatureType;
import io.driftwatch.drift.Sample;
import io.driftwatch.drift.Samples;
import io.driftwatch.source.PredictionRecord;
import io.driftwatch.source.RecordRows;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Turns prediction records into one drift {@link Sample} per monitored column, for the model and per segment. */
public final class RecordSamples {
    private RecordSamples() {
    }

    /**
     * Samples for the given columns; {@code predictionColumn} names the spec read from the record's
     * prediction instead of its input map (null if none).
     */
    public static Map<String, Sample> of(List<PredictionRecord> records, List<FeatureSpec> specs,
                                         String predictionColumn) {
        return of(records, specs, predictionColumn, new FieldIssues());
    }

    /** The same, counting into {@code issues} the values left out or shortened because of their type or size. */
    public static Map<String, Sample> of(List<PredictionRecord> records, List<FeatureSpec> specs,
                                         String predictionColumn, FieldIssues issues) {
        Map<String, Sample> out = new HashMap<>();
        if (records instanceof RecordRows rows) {
            specs.forEach(s -> out.put(s.name(), RowSamples.of(rows, s, s.name().equals(predictionColumn), issues)));
            return out;
        }
        for (FeatureSpec s : specs) {
            boolean prediction = s.name().equals(predictionColumn);
            Function<PredictionRecord, Object> get = prediction ? PredictionRecord::prediction : r -> r.input().get(s.field());
            List<Object> values = new ArrayList<>(records.size());
            for (PredictionRecord r : records) {
                values.add(issues.check(s.name(), get.apply(r), s.type(), prediction));
            }
            out.put(s.name(), s.type() == FeatureType.NUMERIC ? Samples.numeric(values) : Samples.categorical(values));
        }
        return out;
    }

    /** Segment samples of records, grouped by the value of an input field: the {@code keep} most frequent, rest pooled under {@code rest}. */
    public static Map<String, Map<String, Sample>> bySegment(List<PredictionRecord> records, List<FeatureSpec> specs,
                                                         String predictionColumn, String field, int keep, String rest) {
        Map<String, List<PredictionRecord>> by = records.stream().collect(Collectors.groupingBy(
                r -> String.valueOf(r.input().get(field)), LinkedHashMap::new, Collectors.toList()));
        List<String> top = by.entrySet().stream().filter(e -> !"null".equals(e.getKey()))
                .sorted((a, b) -> Integer.compare(b.getValue().size(), a.getValue().size()))
                .limit(keep).map(Map.Entry::getKey).toList();
        Map<String, Map<String, Sample>> out = new LinkedHashMap<>();
        top.forEach(v -> out.put(v, of(by.get(v), specs, predictionColumn)));
        List<PredictionRecord> others = new ArrayList<>();
        by.forEach((v, rs) -> {
            if (!top.contains(v)) {
                others.addAll(rs);
            }
        });
        out.put(rest, of(others, specs, predictionColumn));
        return out;
    }

}
