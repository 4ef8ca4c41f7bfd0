package io.driftwatch.drift;

import java.util.List;
import java.util.Optional;

/** The drift result of one model for one window. */
public record DriftReport(List<ColumnResult> columns, Verdict verdict) {
    public DriftReport {
        columns = List.copyOf(columns);
    }

    public long driftedColumns() {
        return columns.stream().filter(ColumnResult::drift).count();
    }

    /** DRIFT if any column drifts, INCONCLUSIVE if every column is (or there is none), else OK. */
    public static Verdict verdictOf(List<ColumnResult> columns) {
        if (columns.stream().anyMatch(ColumnResult::drift)) {
            return Verdict.DRIFT;
        }
        boolean allInconclusive = columns.stream().allMatch(c -> c.status() == ColumnStatus.INCONCLUSIVE);
        return allInconclusive ? Verdict.INCONCLUSIVE : Verdict.OK;
    }

    public Optional<ColumnResult> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
