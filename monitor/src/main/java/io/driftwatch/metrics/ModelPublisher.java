package io.driftwatch.metrics;

import io.driftwatch.drift.DriftReport;
import io.driftwatch.drift.Sample;
import io.driftwatch.quality.QualityReport;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes one model's evaluation as metrics. Series carry the model version; when a model's version
 * changes, the previous version's series are removed, so label sets stay bounded.
 */
public final class ModelPublisher {
    private static final double[] QUANTILES = {0.05, 0.25, 0.5, 0.75, 0.95};
    private static final int MAX_CLASSES = 20;

    private final Metrics m;
    private final Map<String, String> versions = new ConcurrentHashMap<>();

    public ModelPublisher(Metrics metrics) {
        this.m = metrics;
    }

    public void publish(String model, String version, DriftReport report, QualityReport quality, Sample prediction) {
        String previous = versions.put(model, version);
        if (previous != null && !previous.equals(version)) {
            forget(model, previous);
        }
        m.modelInfo.labelValues(model, version).set(1);
        report.columns().forEach(c -> c.tests().forEach(t -> {
            m.statistic.labelValues(model, version, c.name(), t.test()).set(t.statistic());
            if (t.pValue() != null) {
                m.pValue.labelValues(model, version, c.name(), t.test()).set(t.pValue());
            }
        }));
        m.labelled.labelValues(model, version).set(quality.labelled());
        quality.metrics().forEach((k, v) -> m.quality.labelValues(model, version, k).set(v));
        prediction(model, version, prediction);
    }

    private void prediction(String model, String version, Sample prediction) {
        if (prediction instanceof Sample.Numeric n && n.sorted().length > 0) {
            double[] v = n.sorted();
            for (double q : QUANTILES) {
                m.predictionQuantile.labelValues(model, version, String.format(Locale.ROOT, "%.2f", q))
                        .set(v[(int) Math.min(v.length - 1, Math.floor(q * v.length))]);
            }
        } else if (prediction instanceof Sample.Binned b && b.size() > 0) {
            for (double q : QUANTILES) {
                m.predictionQuantile.labelValues(model, version, String.format(Locale.ROOT, "%.2f", q))
                        .set(quantile(b, q));
            }
        } else if (prediction instanceof Sample.Categorical c && c.size() > 0) {
            double total = c.size();
            c.counts().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                    .limit(MAX_CLASSES)
                    .forEach(e -> m.predictionShare.labelValues(model, version, e.getKey()).set(e.getValue() / total));
        }
    }

    /** The upper edge of the bin holding the q-th value (the maximum for the last bin). */
    private static double quantile(Sample.Binned b, double q) {
        double target = Math.floor(q * b.size()) + 1;
        long cum = 0;
        for (int i = 0; i < b.edges().length; i++) {
            cum += b.counts()[i];
            if (cum >= target) {
                return b.edges()[i];
            }
        }
        return b.max();
    }

    /**
     * Segment and comparison results. The series of segments no longer in the window's top are removed, so
     * the label set stays bounded by the configured top.
     */
    public void scoped(String model, Map<String, io.driftwatch.drift.DriftReport> segments, String comparison,
                       Map<String, Double> comparisonMetrics, io.driftwatch.drift.DriftReport comparisonDrift) {
        m.segmentDrifted.removeIf(l -> l.get(0).equals(model) && !segments.containsKey(l.get(1)));
        segments.forEach((s, r) -> m.segmentDrifted.labelValues(model, s).set(r.driftedColumns()));
        m.comparison.removeIf(l -> l.get(0).equals(model) && !l.get(1).equals(comparison));
        if (comparison != null) {
            comparisonMetrics.forEach((k, v) -> m.comparison.labelValues(model, comparison, k).set(v));
            m.comparison.labelValues(model, comparison, "prediction_drift").set(comparisonDrift.driftedColumns());
        }
    }

    private void forget(String model, String version) {
        m.modelInfo.remove(model, version);
        m.statistic.removeIf(l -> l.get(0).equals(model) && l.get(1).equals(version));
        m.pValue.removeIf(l -> l.get(0).equals(model) && l.get(1).equals(version));
        m.quality.removeIf(l -> l.get(0).equals(model) && l.get(1).equals(version));
        m.labelled.remove(model, version);
        m.predictionQuantile.removeIf(l -> l.get(0).equals(model) && l.get(1).equals(version));
        m.predictionShare.removeIf(l -> l.get(0).equals(model) && l.get(1).equals(version));
    }
}
