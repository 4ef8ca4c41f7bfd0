package io.driftwatch.drift;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A feature's data quality in one window, whatever the drift tests say: the share of values missing,
 * the share present but unusable for the column's type (unparsable or mistyped), the share of numbers
 * outside the reference's range, and the share of values in categories the reference never had. Shares
 * are of all the window's rows for the feature. A share that cannot be known is null: out of range for a
 * window counted into bins (pushdown), either of the last two for a feature of the other type.
 */
public record DataQuality(long rows, double missingShare, double unparsableShare, Double outOfRangeShare,
                          Double newCategoryShare) {

    /** The signals by name, as rules and metrics call them (nulls left out). */
    public Map<String, Double> signals() {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("missing_share", missingShare);
        out.put("unparsable_share", unparsableShare);
        if (outOfRangeShare != null) {
            out.put("out_of_range_share", outOfRangeShare);
        }
        if (newCategoryShare != null) {
            out.put("new_category_share", newCategoryShare);
        }
        return out;
    }

    /**
     * Each sampled feature's quality; {@code unparsable} counts the values left out for their type (they
     * are among the sample's missing ones). A feature without rows in the window is left out.
     */
    public static Map<String, DataQuality> of(Map<String, ColumnReference> refs, Map<String, ? extends Sample> samples,
                                              Map<String, Long> unparsable) {
        Map<String, DataQuality> out = new LinkedHashMap<>();
        samples.forEach((name, s) -> {
            long bad = Math.min(unparsable.getOrDefault(name, 0L), s.missing());
            long rows = s.size() + s.missing();
            if (rows == 0) {
                return;
            }
            ColumnReference ref = refs.get(name);
            Long outside = ref == null ? null : outside(ref.sample(), s);
            Long unseen = ref == null ? null : unseen(ref.sample(), s);
            out.put(name, new DataQuality(rows, (double) (s.missing() - bad) / rows, (double) bad / rows,
                    outside == null ? null : (double) outside / rows, unseen == null ? null : (double) unseen / rows));
        });
        return out;
    }

    private static Long outside(Sample ref, Sample current) {
        double[] range = range(ref);
        if (range == null) {
            return null;
        }
        if (current instanceof Sample.Numeric n) {
            double[] v = n.sorted();
            return (long) lowerBound(v, range[0]) + (v.length - upperBound(v, range[1]));
        }
        if (current instanceof Sample.NumericSketch k) {
            if (k.sketch().isEmpty()) {
                return 0L;
            }
            double below = k.sketch().getRank(range[0], org.apache.datasketches.quantilescommon.QuantileSearchCriteria.EXCLUSIVE);
            double atMost = k.sketch().getRank(range[1], org.apache.datasketches.quantilescommon.QuantileSearchCriteria.INCLUSIVE);
            return Math.round((below + 1 - atMost) * k.sketch().getN());
        }
        return null;
    }

    private static double[] range(Sample ref) {
        if (ref instanceof Sample.Numeric n && n.sorted().length > 0) {
            return new double[] {n.sorted()[0], n.sorted()[n.sorted().length - 1]};
        }
        if (ref instanceof Sample.NumericSketch k && !k.sketch().isEmpty()) {
            return new double[] {k.sketch().getMinItem(), k.sketch().getMaxItem()};
        }
        return null;
    }

    private static Long unseen(Sample ref, Sample current) {
        if (!(ref instanceof Sample.Categorical r) || !(current instanceof Sample.Categorical c)) {
            return null;
        }
        return c.counts().entrySet().stream().filter(e -> !r.counts().containsKey(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** The index of the first value not below {@code x}. */
    private static int lowerBound(double[] v, double x) {
        int i = Arrays.binarySearch(v, x);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && v[i - 1] == x) {
            i--;
        }
        return i;
    }

    /** The index of the first value above {@code x}. */
    private static int upperBound(double[] v, double x) {
        int i = Arrays.binarySearch(v, x);
        if (i < 0) {
            return -i - 1;
        }
        while (i < v.length && v[i] == x) {
            i++;
        }
        return i;
    }
}
