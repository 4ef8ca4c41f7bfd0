package io.driftwatch.drift;

import java.util.List;

/**
 * What one test computed on one column, before any decision: the statistic, the p-value where the
 * test has one, and findings such as categories the reference never saw.
 */
public record TestOutcome(String test, TestKind kind, double statistic, Double pValue, List<String> newCategories) {
    public TestOutcome {
        newCategories = List.copyOf(newCategories);
    }

    public static TestOutcome distance(String test, double statistic) {
        return new TestOutcome(test, TestKind.DISTANCE, statistic, null, List.of());
    }
}
