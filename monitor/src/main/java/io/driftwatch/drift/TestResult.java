package io.driftwatch.drift;

/**
 * One test's result on one column after the decision policy: the raw p-value, the p-value adjusted
 * across the model's features (Benjamini-Hochberg), the normalized statistic where the test has one,
 * the threshold it was held to, a note, and its verdict.
 */
public record TestResult(String test, double statistic, Double pValue, Double adjustedPValue,
                         Double normalizedStatistic, double threshold, boolean drift, String note) {
}
