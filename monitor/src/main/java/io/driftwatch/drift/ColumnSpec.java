package io.driftwatch.drift;

import java.util.List;

/**
 * One column the engine tests: its name in reports, the key it is read from, its type, and the tests
 * named for it (empty: the registry chooses).
 */
public record ColumnSpec(String name, String field, ColumnType type, List<String> tests) {
    public ColumnSpec {
        tests = List.copyOf(tests);
    }
}
