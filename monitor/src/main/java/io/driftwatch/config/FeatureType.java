package io.driftwatch.config;

/** How a feature's values are tested. */
public enum FeatureType {
    NUMERIC, CATEGORICAL;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
