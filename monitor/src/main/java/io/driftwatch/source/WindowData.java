package io.driftwatch.source;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The records of one window and the count of lines skipped, by reason. Records kept in columns
 * ({@link RecordRows}, immutable) stay there; any other list is copied.
 */
public record WindowData(List<PredictionRecord> records, Map<SkipReason, Long> skipped) {
    public WindowData {
        records = records instanceof RecordRows ? records : List.copyOf(records);
        skipped = skipped.isEmpty() ? Map.of() : new EnumMap<>(skipped);
    }

    public long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }
}
