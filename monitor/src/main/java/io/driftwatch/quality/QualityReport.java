package io.driftwatch.quality;

import java.util.Map;

/**
 * Model quality over the labelled records of a window: the metric values by name (classification:
 * accuracy, precision, recall, f1, roc_auc; regression: mae, rmse) and how many records carried a label.
 */
public record QualityReport(String task, long labelled, Map<String, Double> metrics) {
    public QualityReport {
        metrics = Map.copyOf(metrics);
    }

    public static QualityReport none() {
        return new QualityReport("none", 0, Map.of());
    }
}
