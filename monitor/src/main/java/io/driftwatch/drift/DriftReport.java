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

    public Optional<ColumnResult> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
