package io.driftwatch.drift;


/** A test whose {@link TestDefaults} are declared once, by its constructor. */
abstract class BaseTest implements DriftTest {
    private final TestDefaults defaults;

    BaseTest(TestDefaults defaults) {
        this.defaults = defaults;
    }

    @Override
    public final TestDefaults defaults() {
        return defaults;
    }
}
