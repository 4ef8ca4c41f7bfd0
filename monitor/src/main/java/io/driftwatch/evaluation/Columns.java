package io.driftwatch.evaluation;

import io.driftwatch.config.DriftPolicyConfig;
import io.driftwatch.config.FeatureSpec;
import io.driftwatch.config.FeatureType;
import io.driftwatch.drift.ColumnSpec;
import io.driftwatch.drift.ColumnType;
import io.driftwatch.drift.DriftPolicy;
import java.util.List;

/** The configuration's columns and policy in the drift engine's own vocabulary. */
public final class Columns {
    private Columns() {
    }

    public static ColumnType type(FeatureType t) {
        return t == FeatureType.NUMERIC ? ColumnType.NUMERIC : ColumnType.CATEGORICAL;
    }

    public static ColumnSpec spec(FeatureSpec f) {
        return new ColumnSpec(f.name(), f.field(), type(f.type()), f.tests());
    }

    public static List<ColumnSpec> specs(List<FeatureSpec> features) {
        return features.stream().map(Columns::spec).toList();
    }

    public static DriftPolicy policy(DriftPolicyConfig c) {
        return new DriftPolicy(c.fdr(), c.minSamples(), c.thresholds(), c.floors(), c.sketchAbove());
    }
}
