package io.driftwatch.bench;

import io.driftwatch.config.ReferenceConfig;
import io.driftwatch.drift.ColumnReference;
import io.driftwatch.drift.ColumnSamples;
import io.driftwatch.drift.ColumnSpec;
import io.driftwatch.drift.ColumnType;
import io.driftwatch.drift.DriftEngine;
import io.driftwatch.drift.DriftPolicy;
import io.driftwatch.drift.Sample;
import io.driftwatch.drift.Samples;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.drift.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The seasonal calibration behind {@code bench/run seasonal}: five weeks of traffic, one record every 30 s,
 * with three features, two of whose means follow the hour of day (sin and 0.6 cos, in σ), evaluated
 * in 1-hour windows over the last four weeks. One day (day 25) carries a real shift of +0.5 σ on one feature.
 * The same windows are judged against a fixed reference (the first week, every hour pooled), a rolling one
 * (the previous 7 days, all hours) and a seasonal one (the same hour on the 4 previous days), with the spans
 * the daemon uses ({@link ReferenceConfig#spans}) and its decision policy. Seeded.
 */
public final class SeasonalStudy {
    private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
    private static final int DAYS = 35;
    private static final Duration STEP = Duration.ofSeconds(30);
    private static final Duration WINDOW = Duration.ofHours(1);
    private static final int SHIFT_DAY = 25;
    private static final String[] FEATURES = {"a", "b", "c"};

    private SeasonalStudy() {
    }

    private static double[][] series() {
        int n = (int) (Duration.ofDays(DAYS).toSeconds() / STEP.toSeconds());
        double[][] x = new double[FEATURES.length][n];
        SplittableRandom r = new SplittableRandom(20261202);
        for (int i = 0; i < n; i++) {
            double hour = (i * STEP.toSeconds() % 86_400) / 3600.0;
            boolean shifted = i * STEP.toSeconds() / 86_400 == SHIFT_DAY;
            x[0][i] = Math.sin(2 * Math.PI * hour / 24) + gaussian(r);
            x[1][i] = 0.6 * Math.cos(2 * Math.PI * hour / 24) + gaussian(r) + (shifted ? 0.5 : 0);
            x[2][i] = gaussian(r);
        }
        return x;
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static Map<String, Sample> samples(double[][] x, List<ReferenceConfig.Span> spans) {
        Map<String, Sample> out = new java.util.HashMap<>();
        for (int f = 0; f < FEATURES.length; f++) {
            List<Double> v = new ArrayList<>();
            for (ReferenceConfig.Span s : spans) {
                int from = (int) (Duration.between(START, s.from()).toSeconds() / STEP.toSeconds());
                int to = (int) (Duration.between(START, s.to()).toSeconds() / STEP.toSeconds());
                for (int i = Math.max(0, from); i < Math.min(to, x[f].length); i++) {
                    v.add(x[f][i]);
                }
            }
            out.put(FEATURES[f], Samples.numeric(v.stream().mapToDouble(Double::doubleValue).toArray(), v.size()));
        }
        return out;
    }

    /**
     * Alerted windows: {quiet alerted, quiet total, quiet peak-hour alerted, peak total, shifted alerted, shifted
     * total, alerted after the shift with it in the reference, their total}.
     */
    private static int[] run(double[][] x, ReferenceConfig reference, DriftEngine engine, List<ColumnSpec> specs) {
        int[] t = new int[8];
        Map<String, ColumnReference> fixed = null;
        for (int h = 7 * 24; h < DAYS * 24; h++) {
            Instant end = START.plus(Duration.ofHours(h + 1));
            List<ReferenceConfig.Span> spans = reference.spans(end, WINDOW);
            Map<String, ColumnReference> refs = fixed;
            if (refs == null) {
                refs = ColumnSamples.fit(samples(x, spans));
                fixed = reference.moves() ? null : refs;
            }
            Map<String, Sample> cur = samples(x, List.of(new ReferenceConfig.Span(end.minus(WINDOW), end)));
            boolean alert = engine.compare(specs, refs, cur).verdict() == Verdict.DRIFT;
            boolean shifted = h / 24 == SHIFT_DAY;
            Instant shiftFrom = START.plus(Duration.ofDays(SHIFT_DAY));
            boolean tainted = !shifted && spans.stream().anyMatch(s -> s.to().isAfter(shiftFrom)
                    && s.from().isBefore(shiftFrom.plus(Duration.ofDays(1))));
            double hour = h % 24 + 0.5;
            boolean peak = Math.abs(Math.sin(2 * Math.PI * hour / 24)) > 0.9;
            int base = shifted ? 4 : tainted ? 6 : 0;
            t[base] += alert ? 1 : 0;
            t[base + 1]++;
            if (!shifted && !tainted && peak) {
                t[2] += alert ? 1 : 0;
                t[3]++;
            }
        }
        return t;
    }

    public static void main(String[] args) {
        double[][] x = series();
        DriftEngine engine = new DriftEngine(TestRegistry.standard(), DriftPolicy.defaults());
        List<ColumnSpec> specs = java.util.Arrays.stream(FEATURES)
                .map(f -> new ColumnSpec(f, f, ColumnType.NUMERIC, List.of())).toList();
        Map<String, ReferenceConfig> refs = new java.util.LinkedHashMap<>();
        refs.put("fixed: the first week", new ReferenceConfig.RangeReference(START, START.plus(Duration.ofDays(7))));
        refs.put("rolling: {window: 7d, lag: 0s}", new ReferenceConfig.RollingReference(Duration.ofDays(7), Duration.ZERO,
                Duration.ofHours(1)));
        refs.put("seasonal: {period: 1d, periods: 4}", new ReferenceConfig.SeasonalReference(Duration.ofDays(1), 4,
                Duration.ofMinutes(10)));
        System.out.printf(Locale.ROOT, "%d hourly windows of %d records, 3 features with a daily cycle; "
                + "day %d shifted by +0.5 sigma on one feature%n", (DAYS - 7) * 24, WINDOW.toSeconds() / STEP.toSeconds(), SHIFT_DAY);
        System.out.println("| reference | alerts, windows without the shift | at daily peaks and troughs | "
                + "windows of the shifted day alerted | later windows whose reference holds the shifted day |");
        System.out.println("|---|---|---|---|---|");
        int[] seasonal = null;
        for (Map.Entry<String, ReferenceConfig> e : refs.entrySet()) {
            int[] t = run(x, e.getValue(), engine, specs);
            System.out.printf(Locale.ROOT, "| %s | %.1f%% (%d of %d) | %.1f%% | %.1f%% (%d of %d) | %s |%n", e.getKey(),
                    100.0 * t[0] / t[1], t[0], t[1], 100.0 * t[2] / t[3], 100.0 * t[4] / t[5], t[4], t[5],
                    t[7] == 0 ? "none" : String.format(Locale.ROOT, "%.1f%% (%d of %d)", 100.0 * t[6] / t[7], t[6], t[7]));
            seasonal = t;
        }
        System.out.printf(Locale.ROOT, "seasonal reference: %.1f%% of windows without the shift alerted (goal <= 5%%), "
                + "%.0f%% of the shifted day's windows%n", 100.0 * seasonal[0] / seasonal[1], 100.0 * seasonal[4] / seasonal[5]);
    }
}
