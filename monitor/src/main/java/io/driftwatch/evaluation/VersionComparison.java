package io.driftwatch.evaluation;

import io.driftwatch.drift.ColumnSamples;
import io.driftwatch.drift.DriftEngine;
import io.driftwatch.drift.DriftReport;
import io.driftwatch.drift.Sample;
import io.driftwatch.drift.Samples;

import io.driftwatch.config.FeatureSpec;
import io.driftwatch.config.FeatureType;
import io.driftwatch.config.ModelConfig;
import io.driftwatch.source.PredictionRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Two model versions over the same window: the drift of the candidate's predictions from the
 * baseline's (the baseline's window is the reference), and for shadow traffic, joined by request id, the
 * share of requests where both predicted the same class, or the mean absolute difference of numbers.
 */
public final class VersionComparison {
    private VersionComparison() {
    }

    /** The comparison's drift report and its metrics ({@code pairs}, {@code agreement}, {@code mean_abs_diff}). */
    public record Result(String label, DriftReport drift, Map<String, Double> metrics) {
        public Result {
            metrics = Map.copyOf(metrics);
        }
    }

    public static Result of(List<PredictionRecord> records, ModelConfig.Comparison c, FeatureSpec prediction,
                            DriftEngine engine) {
        List<PredictionRecord> base = records.stream().filter(r -> c.baseline().equals(r.version())).toList();
        List<PredictionRecord> cand = records.stream().filter(r -> c.candidate().equals(r.version())).toList();
        String name = prediction.name();
        Sample b = RecordSamples.of(base, List.of(prediction), name).get(name);
        Sample k = RecordSamples.of(cand, List.of(prediction), name).get(name);
        DriftReport drift = engine.compare(List.of(Columns.spec(prediction)), Map.of(name, ColumnSamples.fit(b)), Map.of(name, k));
        Map<String, Double> metrics = new HashMap<>();
        metrics.put("baseline_count", (double) b.size());
        metrics.put("candidate_count", (double) k.size());
        if (c.shadow()) {
            shadow(base, cand, prediction.type(), metrics);
        }
        return new Result(c.label(), drift, metrics);
    }

    private static void shadow(List<PredictionRecord> base, List<PredictionRecord> cand, FeatureType type,
                               Map<String, Double> metrics) {
        Map<String, Object> byId = new HashMap<>();
        base.stream().filter(r -> r.requestId() != null && r.prediction() != null)
                .forEach(r -> byId.put(r.requestId(), r.prediction()));
        long pairs = 0;
        double sum = 0;
        for (PredictionRecord r : cand) {
            Object other = r.requestId() == null ? null : byId.get(r.requestId());
            if (other == null || r.prediction() == null) {
                continue;
            }
            pairs++;
            if (type == FeatureType.CATEGORICAL) {
                sum += Objects.equals(Samples.toCategory(other), Samples.toCategory(r.prediction())) ? 1 : 0;
            } else if (other instanceof Double x && r.prediction() instanceof Double y) {
                sum += Math.abs(x - y);
            }
        }
        metrics.put("pairs", (double) pairs);
        if (pairs > 0) {
            metrics.put(type == FeatureType.CATEGORICAL ? "agreement" : "mean_abs_diff", sum / pairs);
        }
    }
}
