package io.driftwatch.drift;

/** How a column's values are tested: as numbers or as categories. */
public enum ColumnType {
    NUMERIC, CATEGORICAL;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The type named by its label ({@code numeric}, {@code categorical}), if it is one. */
    public static java.util.Optional<ColumnType> parse(String label) {
        for (ColumnType t : values()) {
            if (t.label().equals(label == null ? null : label.strip().toLowerCase(java.util.Locale.ROOT))) {
                return java.util.Optional.of(t);
            }
        }
        return java.util.Optional.empty();
    }
}
