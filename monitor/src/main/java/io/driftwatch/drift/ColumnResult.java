package io.driftwatch.drift;

import java.util.List;

/** Everything decided about one column in one window. {@code reason} explains INCONCLUSIVE. */
public record ColumnResult(String name, ColumnType type, long nReference, long nCurrent,
                           long missingReference, long missingCurrent, ColumnStatus status, String reason,
                           List<TestResult> tests, List<String> newCategories) {
    public ColumnResult {
        tests = List.copyOf(tests);
        newCategories = List.copyOf(newCategories);
    }

    public boolean drift() {
        return status == ColumnStatus.DRIFT;
    }
}
