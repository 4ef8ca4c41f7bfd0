package io.driftwatch.drift;


/** One statistical test between a fitted reference and a current sample. One class per test. */
public interface DriftTest {

    /** The name used in configuration, rules and output, e.g. {@code ks}. */
    String name();

    TestKind kind();

    boolean supports(ColumnType type);

    /** Both sides have at least two values when this is called. */
    TestOutcome run(ColumnReference reference, Sample current);
}
