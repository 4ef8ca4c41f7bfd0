package io.driftwatch.config;

import java.util.List;

/**
 * One monitored column: its name in reports, the key it is read from in the log's input map, its type,
 * and the tests named for it (empty: the registry chooses).
 */
public record FeatureSpec(String name, String field, FeatureType type, List<String> tests) {
    public FeatureSpec {
        tests = List.copyOf(tests);
    }
}
