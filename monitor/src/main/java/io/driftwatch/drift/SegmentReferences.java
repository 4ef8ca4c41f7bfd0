package io.driftwatch.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * Per-segment references, kept in the profile's column map under composite keys. The reference keeps
 * its {@value #KEPT} most frequent segment values; the rest are pooled. A window's {@code other} segment
 * (every value outside its top N) is compared with the merge of the reference's segments outside that
 * top N, pool included, so both sides cover the same values.
 */
public final class SegmentReferences {
    /** Segment values a reference keeps separately. */
    public static final int KEPT = 200;
    private static final String SEP = "\u001f";
    private static final String PREFIX = SEP + "segment" + SEP;
    /** The name under which a reference pools its segments beyond the {@value #KEPT} kept. */
    public static final String POOLED = "\u0000pool";

    private SegmentReferences() {
    }

    /** The profile entries for reference segment samples (value → column → sample). */
    public static Map<String, ColumnReference> fit(Map<String, Map<String, Sample>> bySegment) {
        Map<String, ColumnReference> out = new HashMap<>();
        bySegment.forEach((value, samples) ->
                samples.forEach((col, s) -> out.put(PREFIX + value + SEP + col, ColumnSamples.fit(s))));
        return out;
    }

    /** Whether the profile has per-segment references at all. */
    public static boolean present(Map<String, ColumnReference> profile) {
        return profile.keySet().stream().anyMatch(k -> k.startsWith(PREFIX));
    }

    /** The reference of one segment value: empty when the reference kept no such value. */
    public static Map<String, ColumnReference> of(Map<String, ColumnReference> profile, String value) {
        return columns(profile, Set.of(value));
    }

    /** The reference of every segment value except {@code listed}: the pool and the values kept apart. */
    public static Map<String, ColumnReference> except(Map<String, ColumnReference> profile, Set<String> listed) {
        Set<String> values = profile.keySet().stream().filter(k -> k.startsWith(PREFIX))
                .map(k -> k.substring(PREFIX.length(), k.lastIndexOf(SEP))).filter(v -> !listed.contains(v))
                .collect(Collectors.toSet());
        return columns(profile, values);
    }

    private static Map<String, ColumnReference> columns(Map<String, ColumnReference> profile, Set<String> values) {
        Map<String, List<ColumnReference>> parts = new HashMap<>();
        profile.forEach((k, ref) -> {
            if (k.startsWith(PREFIX)) {
                int sep = k.lastIndexOf(SEP);
                if (values.contains(k.substring(PREFIX.length(), sep))) {
                    parts.computeIfAbsent(k.substring(sep + 1), c -> new ArrayList<>()).add(ref);
                }
            }
        });
        Map<String, ColumnReference> out = new HashMap<>();
        parts.forEach((col, refs) -> out.put(col, refs.size() == 1 ? refs.get(0) : merge(refs)));
        return out;
    }

    private static ColumnReference merge(List<ColumnReference> refs) {
        if (refs.get(0) instanceof ColumnReference.Categorical) {
            Map<String, Long> counts = new HashMap<>();
            long missing = 0;
            for (ColumnReference r : refs) {
                ((Sample.Categorical) r.sample()).counts().forEach((k, v) -> counts.merge(k, v, Long::sum));
                missing += r.sample().missing();
            }
            return new ColumnReference.Categorical(new Sample.Categorical(counts, missing));
        }
        if (refs.stream().anyMatch(r -> r instanceof ColumnReference.NumericSketch)) {
            KllDoublesSketch k = Sketches.newNumeric();
            long missing = 0;
            for (ColumnReference r : refs) {
                k.merge(r instanceof ColumnReference.NumericSketch s ? s.sample().sketch()
                        : Sketches.of((Sample.Numeric) r.sample()).sketch());
                missing += r.sample().missing();
            }
            return ColumnReference.NumericSketch.fit(new Sample.NumericSketch(k, missing));
        }
        double[] all = refs.stream().flatMapToDouble(r -> Arrays.stream(((Sample.Numeric) r.sample()).sorted())).sorted()
                .toArray();
        long missing = refs.stream().mapToLong(r -> r.sample().missing()).sum();
        return ColumnReference.Numeric.fit(new Sample.Numeric(all, missing));
    }
}
