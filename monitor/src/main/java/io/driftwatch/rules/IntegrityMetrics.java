package io.driftwatch.rules;

import io.driftwatch.drift.ColumnResult;
import io.driftwatch.drift.Sample;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code integrity.*} rule values of one feature: the missing share and the new categories come from
 * its column result; the smallest and largest value from the window's sample, passed to the rules as
 * scope metrics named {@code integrity.min.<feature>} and {@code integrity.max.<feature>}.
 */
public final class IntegrityMetrics {
    private IntegrityMetrics() {
    }

    /** The min and max of each numeric sample, as scope metrics. */
    public static Map<String, Double> ranges(Map<String, ? extends Sample> samples) {
        Map<String, Double> out = new LinkedHashMap<>();
        samples.forEach((name, s) -> {
            double[] range = range(s);
            if (range != null) {
                out.put("integrity.min." + name, range[0]);
                out.put("integrity.max." + name, range[1]);
            }
        });
        return out;
    }

    private static double[] range(Sample s) {
        if (s instanceof Sample.Numeric n && n.sorted().length > 0) {
            return new double[] {n.sorted()[0], n.sorted()[n.sorted().length - 1]};
        }
        if (s instanceof Sample.NumericSketch k && !k.sketch().isEmpty()) {
            return new double[] {k.sketch().getMinItem(), k.sketch().getMaxItem()};
        }
        if (s instanceof Sample.Binned b && b.size() > 0 && !Double.isNaN(b.min())) {
            return new double[] {b.min(), b.max()};
        }
        return null;
    }

    static Optional<Double> value(ColumnResult c, String field, Map<String, Double> metrics) {
        return switch (field) {
            case "missing_share" -> {
                long all = c.nCurrent() + c.missingCurrent();
                yield all == 0 ? Optional.empty() : Optional.of((double) c.missingCurrent() / all);
            }
            case "new_categories" -> c.type() == io.driftwatch.drift.ColumnType.CATEGORICAL
                    ? Optional.of((double) c.newCategories().size()) : Optional.empty();
            default -> Optional.ofNullable(metrics.get("integrity." + field + "." + c.name()));
        };
    }
}
