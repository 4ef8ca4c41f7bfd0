package io.driftwatch.drift;


/** One statistical test between a fitted reference and a current sample. One class per test. */
public interface DriftTest {

    /** What the test declares about itself: name, kind, types, defaults, how it runs on counts and sketches. */
    TestDefaults defaults();

    /** The name used in configuration, rules and output, e.g. {@code ks}. */
    default String name() {
        return defaults().name();
    }

    default TestKind kind() {
        return defaults().kind();
    }

    default boolean supports(ColumnType type) {
        return defaults().types().contains(type);
    }

    /** Both sides have at least two values when this is called. */
    TestOutcome run(ColumnReference reference, Sample current);
}
