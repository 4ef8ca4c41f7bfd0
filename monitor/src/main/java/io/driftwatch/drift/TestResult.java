package io.driftwatch.drift;

/**
 * One test's result on one column after the decision policy: the raw p-value, the p-value adjusted
 * across the model's features (Benjamini-Hochberg), the threshold it was held to, and its verdict.
 */
public record TestResult(String test, double statistic, Double pValue, Double adjustedPValue,
                         double threshold, boolean drift) {
}
