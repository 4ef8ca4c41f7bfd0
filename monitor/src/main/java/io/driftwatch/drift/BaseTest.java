package io.driftwatch.drift;

import java.util.Set;

/** The name, kind and feature types of a test, declared once by each implementation's constructor. */
abstract class BaseTest implements DriftTest {
    private final String name;
    private final TestKind kind;
    private final Set<ColumnType> types;

    BaseTest(String name, TestKind kind, Set<ColumnType> types) {
        this.name = name;
        this.kind = kind;
        this.types = Set.copyOf(types);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final TestKind kind() {
        return kind;
    }

    @Override
    public final boolean supports(ColumnType type) {
        return types.contains(type);
    }
}
