package io.driftwatch.evaluation;

import io.driftwatch.config.FeatureSpec;
import io.driftwatch.config.ModelConfig;
import io.driftwatch.drift.ColumnReference;
import io.driftwatch.drift.DataQuality;
import io.driftwatch.drift.Sample;
import io.driftwatch.source.PredictionRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The window's data quality as rule metrics and as the report's {@code data_quality} section: per feature
 * the {@link DataQuality} shares (scope metrics {@code data.<signal>.<feature>}), and per model
 * {@code data.missing_features} (configured input features with no value in any record) and, when the
 * window was read record by record, {@code data.unexpected_keys} (input keys the model does not name:
 * not a feature's field, the segment field or the gate's outcome field).
 */
public final class DataSignals {
    private DataSignals() {
    }

    /** The rule metrics and the report section of one window. */
    public record Result(Map<String, Double> metrics, Map<String, Object> json) {
    }

    static Result of(ModelConfig model, Map<String, ColumnReference> refs, Map<String, Sample> samples,
                     Map<String, FieldIssues.Count> issues, List<PredictionRecord> records, boolean pulled) {
        Map<String, Long> unparsable = new LinkedHashMap<>();
        issues.forEach((f, c) -> unparsable.put(f, c.badType()));
        Map<String, DataQuality> features = DataQuality.of(refs, samples, unparsable);
        Map<String, Double> metrics = new LinkedHashMap<>();
        Map<String, Object> byFeature = new LinkedHashMap<>();
        features.forEach((name, q) -> {
            q.signals().forEach((signal, v) -> metrics.put("data." + signal + "." + name, v));
            byFeature.put(name, q.signals());
        });
        List<String> missing = model.features().stream().map(FeatureSpec::name)
                .filter(f -> features.containsKey(f) && samples.get(f).size() == 0 && unparsable.getOrDefault(f, 0L) == 0)
                .toList();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("features", byFeature);
        json.put("missing_features", missing);
        metrics.put("data.missing_features", (double) missing.size());
        if (pulled && !records.isEmpty()) {
            Set<String> unexpected = unexpectedKeys(model, records);
            metrics.put("data.unexpected_keys", (double) unexpected.size());
            json.put("unexpected_keys", unexpected.stream().limit(20).toList());
            json.put("unexpected_keys_total", unexpected.size());
        }
        return new Result(metrics, json);
    }

    private static Set<String> unexpectedKeys(ModelConfig model, List<PredictionRecord> records) {
        Set<String> known = new java.util.HashSet<>();
        model.features().forEach(f -> known.add(f.field()));
        model.segments().ifPresent(s -> known.add(s.field()));
        model.gate().outcome().ifPresent(known::add);
        Set<String> out = new TreeSet<>();
        if (records instanceof io.driftwatch.source.RecordRows rows) {
            rows.inputKeys().stream().filter(k -> !known.contains(k)).forEach(out::add);
            return out;
        }
        for (PredictionRecord r : records) {
            for (String k : r.input().keySet()) {
                if (!known.contains(k)) {
                    out.add(k);
                }
            }
        }
        return out;
    }
}
