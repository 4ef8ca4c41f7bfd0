package io.driftwatch.config;

/** How a feature's values are tested. */
public enum FeatureType {
    NUMERIC, CATEGORICAL;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The type named by its label ({@code numeric}, {@code categorical}), if it is one. */
    public static java.util.Optional<FeatureType> parse(String label) {
        for (FeatureType t : values()) {
            if (t.label().equals(label == null ? null : label.strip().toLowerCase(java.util.Locale.ROOT))) {
                return java.util.Optional.of(t);
            }
        }
        return java.util.Optional.empty();
    }
}
