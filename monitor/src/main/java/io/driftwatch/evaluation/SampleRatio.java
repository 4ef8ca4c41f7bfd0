package io.driftwatch.evaluation;

import io.driftwatch.evaluation.GateEvaluator.Check;
import io.driftwatch.quality.AbStats;
import io.driftwatch.source.PredictionRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The gate's sample-ratio check: Pearson's chi-square of the versions' record counts against the expected
 * split. A mismatch makes the gate inconclusive, because every other comparison is then suspect.
 */
final class SampleRatio {
    private SampleRatio() {
    }

    static Check check(List<PredictionRecord> records, Map<String, Double> split, String from, double srmAlpha) {
        Map<String, Long> counts = new HashMap<>();
        records.forEach(r -> counts.merge(String.valueOf(r.version()), 1L, Long::sum));
        List<String> versions = new ArrayList<>(split.keySet());
        long[] observed = versions.stream().mapToLong(v -> counts.getOrDefault(v, 0L)).toArray();
        double[] expected = versions.stream().mapToDouble(split::get).toArray();
        double p = AbStats.sampleRatioP(observed, expected);
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < versions.size(); i++) {
            seen.append(i == 0 ? "" : ", ").append(versions.get(i)).append(' ').append(observed[i]);
        }
        String threshold = "p >= " + srmAlpha;
        return p < srmAlpha
                ? new Check("sample_ratio", p, threshold, "inconclusive", String.format(Locale.ROOT,
                        "sample ratio mismatch: records %s against an expected split %s from %s (chi-square p %.3g < %s)",
                        seen, split, from, p, srmAlpha))
                : new Check("sample_ratio", p, threshold, "pass", "records " + seen + " fit the expected split "
                        + split + " from " + from);
    }
}
