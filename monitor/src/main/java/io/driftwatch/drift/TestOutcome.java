package io.driftwatch.drift;

import java.util.List;

/**
 * What one test computed on one column, before any decision: the statistic, the p-value where the
 * test has one, a normalized statistic where the test defines one, a note (why a value is missing,
 * or that it is approximate), and findings such as categories the reference never saw.
 */
public record TestOutcome(String test, TestKind kind, double statistic, Double pValue, Double normalized,
                          String note, List<String> newCategories) {
    public TestOutcome {
        newCategories = List.copyOf(newCategories);
    }

    public static TestOutcome distance(String test, double statistic) {
        return new TestOutcome(test, TestKind.DISTANCE, statistic, null, null, null, List.of());
    }

    public static TestOutcome significance(String test, double statistic, double pValue) {
        return new TestOutcome(test, TestKind.P_VALUE, statistic, pValue, null, null, List.of());
    }
}
