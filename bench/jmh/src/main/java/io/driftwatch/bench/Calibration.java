package io.driftwatch.bench;

import io.driftwatch.drift.DriftPolicy;
import io.driftwatch.drift.ColumnSpec;
import io.driftwatch.drift.ColumnType;
import io.driftwatch.drift.ColumnResult;
import io.driftwatch.drift.ColumnSamples;
import io.driftwatch.drift.DriftEngine;
import io.driftwatch.drift.DriftReport;
import io.driftwatch.drift.Sample;
import io.driftwatch.drift.Samples;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.drift.TestResult;
import io.driftwatch.drift.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The calibration study: how often a 50-feature model alerts with no drift, with real drift, and with
 * negligible drift on huge windows, under Driftwatch's policy and under "p < 0.05 per feature".
 * Usage: Calibration [windowsNoDrift] [windowsRealDrift] [windowsNegligible] [small]
 */
public final class Calibration {
    private static final int FEATURES = 50;

    private Calibration() {
    }

    /** How one scenario's windows went: flagged by the policy, flagged by raw p, and shifted features found. */
    private record Tally(int windows, int policyAlerts, int rawAlerts, long shiftedFound, long shiftedTotal,
                         int inconclusive) {
    }

    public static void main(String[] args) {
        int noDrift = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int realDrift = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int negligible = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        DriftEngine engine = new DriftEngine(TestRegistry.standard(), DriftPolicy.defaults());
        if (args.length > 3 && args[3].equals("small")) { // only the small-window study
            smallWindows(engine, noDrift, realDrift);
            return;
        }
        Tally a = run(engine, noDrift, 10_000, 10_000, 0, 0.0, 1);
        Tally b = run(engine, realDrift, 10_000, 10_000, 5, 0.2, 2);
        Tally c = run(engine, negligible, 1_000_000, 1_000_000, FEATURES, 0.01, 3);
        System.out.println("| scenario | windows | n per side | Driftwatch (BH + effect floor) | p < 0.05 per feature | goal |");
        System.out.println("|---|---|---|---|---|---|");
        row("no drift, 50 features", a, 10_000, "alert rate", "≤ 5%");
        row("0.2σ shift on 5 of 50 features", b, 10_000, "detection rate", "≥ 99%");
        System.out.printf(Locale.ROOT, "| (same, shifted features found) | %d | 10000 | %.1f%% | – | |%n", b.windows(),
                100.0 * b.shiftedFound() / b.shiftedTotal());
        row("0.01σ shift on all 50 features", c, 1_000_000, "alert rate", "≤ 5%");
        smallWindows(engine, noDrift, realDrift);
        System.out.printf(Locale.ROOT, "no-drift alert rate %.1f%%, detection %.1f%%, negligible-drift alert rate %.1f%%%n",
                pct(a.policyAlerts(), a.windows()), pct(b.policyAlerts(), b.windows()), pct(c.policyAlerts(), c.windows()));
    }

    /**
     * Windows below min_samples (100) against a 2,000-row reference: no drift at n = 30, 60, 100 must
     * alert at most 5% of the time, and a 1σ shift on 5 of the 50 features at n = 50 must be found.
     */
    private static void smallWindows(DriftEngine engine, int noDrift, int realDrift) {
        System.out.println();
        System.out.println("| small windows (reference 2,000 rows) | windows | n current | Driftwatch alerts | inconclusive | goal |");
        System.out.println("|---|---|---|---|---|---|");
        int seed = 10;
        for (int n : new int[] {30, 60, 100}) {
            Tally t = run(engine, noDrift, 2_000, n, 0, 0.0, seed++);
            System.out.printf(Locale.ROOT, "| no drift, 50 features (alert rate) | %d | %d | %.1f%% | %.1f%% | ≤ 5%% |%n",
                    t.windows(), n, pct(t.policyAlerts(), t.windows()), pct(t.inconclusive(), t.windows()));
        }
        Tally s = run(engine, realDrift, 2_000, 50, 5, 1.0, seed);
        System.out.printf(Locale.ROOT, "| 1σ shift on 5 of 50 features (detection rate) | %d | 50 | %.1f%% | %.1f%% | ≥ 90%% |%n",
                s.windows(), pct(s.policyAlerts(), s.windows()), pct(s.inconclusive(), s.windows()));
        System.out.printf(Locale.ROOT, "| (same, shifted features found) | %d | 50 | %.1f%% | – | |%n", s.windows(),
                pct(s.shiftedFound(), s.shiftedTotal()));
    }

    private static void row(String name, Tally t, int n, String what, String goal) {
        System.out.printf(Locale.ROOT, "| %s (%s) | %d | %d | %.1f%% | %.1f%% | %s |%n", name, what, t.windows(), n,
                pct(t.policyAlerts(), t.windows()), pct(t.rawAlerts(), t.windows()), goal);
    }

    private static double pct(long k, long n) {
        return 100.0 * k / n;
    }

    private static Tally run(DriftEngine engine, int windows, int nRef, int n, int shifted, double shift, long seed) {
        List<ColumnSpec> specs = IntStream.range(0, FEATURES)
                .mapToObj(f -> new ColumnSpec("f" + f, "f" + f, ColumnType.NUMERIC, List.of())).toList();
        int policy = 0;
        int raw = 0;
        int undecided = 0;
        long found = 0;
        SplittableRandom root = new SplittableRandom(seed);
        for (int w = 0; w < windows; w++) {
            SplittableRandom rnd = root.split();
            Map<String, Sample> ref = new HashMap<>();
            Map<String, Sample> cur = new HashMap<>();
            List<SplittableRandom> streams = new ArrayList<>();
            for (int f = 0; f < FEATURES; f++) {
                streams.add(rnd.split());
            }
            IntStream.range(0, FEATURES).parallel().forEach(f -> {
                Sample r = normal(streams.get(f), nRef, 0);
                Sample c = normal(streams.get(f), n, f < shifted ? shift : 0);
                synchronized (ref) {
                    ref.put("f" + f, r);
                    cur.put("f" + f, c);
                }
            });
            DriftReport report = engine.compare(specs, ColumnSamples.fit(ref), cur);
            policy += report.verdict() == Verdict.DRIFT ? 1 : 0;
            undecided += report.verdict() == Verdict.INCONCLUSIVE ? 1 : 0;
            raw += report.columns().stream().anyMatch(Calibration::rawSignificant) ? 1 : 0;
            found += report.columns().stream().limit(shifted).filter(ColumnResult::drift).count();
        }
        return new Tally(windows, policy, raw, found, (long) shifted * windows, undecided);
    }

    private static boolean rawSignificant(ColumnResult c) {
        return c.tests().stream().map(TestResult::pValue).anyMatch(p -> p != null && p < 0.05);
    }

    private static Sample normal(SplittableRandom rnd, int n, double shift) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextGaussian() + shift;
        }
        return Samples.numeric(v, n);
    }
}
