package io.driftwatch.evaluation;

import io.driftwatch.config.FeatureSpec;
import io.driftwatch.config.FeatureType;
import io.driftwatch.drift.Sample;
import io.driftwatch.drift.Samples;
import io.driftwatch.source.RecordRows;
import java.util.ArrayList;
import java.util.List;

/**
 * A column's sample read straight from a window kept in columns ({@link RecordRows}): numbers go from the
 * chunks into one array, no value boxed; anything else is checked as {@link RecordSamples} checks a record's
 * value, so both give the same sample and the same counted issues.
 */
final class RowSamples {
    private RowSamples() {
    }

    static Sample of(RecordRows rows, FeatureSpec spec, boolean prediction, FieldIssues issues) {
        if (spec.type() == FeatureType.NUMERIC) {
            double[] values = new double[rows.size()];
            int[] n = {0};
            read(rows, spec, prediction, new RecordRows.ValueSink() {
                @Override
                public void number(double x) {
                    values[n[0]++] = x;
                }

                @Override
                public void other(Object value) {
                    Object v = issues.check(spec.name(), value, spec.type(), prediction);
                    values[n[0]++] = v == null ? Double.NaN : Samples.toDouble(v);
                }
            });
            return Samples.numeric(values, n[0]);
        }
        List<Object> values = new ArrayList<>(rows.size());
        read(rows, spec, prediction, new RecordRows.ValueSink() {
            @Override
            public void number(double x) {
                other(x);
            }

            @Override
            public void other(Object value) {
                values.add(issues.check(spec.name(), value, spec.type(), prediction));
            }
        });
        return Samples.categorical(values);
    }

    private static void read(RecordRows rows, FeatureSpec spec, boolean prediction, RecordRows.ValueSink sink) {
        if (prediction) {
            rows.predictions(sink);
        } else {
            rows.inputValues(spec.field(), sink);
        }
    }
}
