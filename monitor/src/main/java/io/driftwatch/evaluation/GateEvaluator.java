package io.driftwatch.evaluation;

import io.driftwatch.config.FeatureSpec;
import io.driftwatch.config.GateConfig;
import io.driftwatch.config.ModelConfig;
import io.driftwatch.drift.ColumnResult;
import io.driftwatch.drift.ColumnStatus;
import io.driftwatch.drift.DriftEngine;
import io.driftwatch.drift.DriftReport;
import io.driftwatch.drift.TestResult;
import io.driftwatch.quality.AbStats;
import io.driftwatch.quality.Quality;
import io.driftwatch.source.PredictionRecord;
import io.driftwatch.source.PredictionSource;
import io.driftwatch.source.SourceException;
import io.driftwatch.source.TimeRange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The judge canaries and pipelines ask: a candidate version against a baseline over the last window of
 * the model's traffic. Checks: the sample ratio (when a split is expected; a mismatch makes every other
 * check suspect, so the gate is inconclusive), the drift of the candidate's predictions from the
 * baseline's, shadow agreement (or mean difference) when both versions saw the same requests, and the
 * quality difference from labels with an always-valid test ({@link AbStats}). Every failed or
 * inconclusive check says why, with its numbers.
 */
public final class GateEvaluator {
    private final DriftEngine engine;
    private final Clock clock;

    public GateEvaluator(DriftEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    /** One check: its value and threshold, {@code pass}, {@code fail} or {@code inconclusive}, and why. */
    public record Check(String name, Double value, String threshold, String result, String reason) {
    }

    /** The gate's answer. */
    public record Verdict(String verdict, List<String> reasons, List<Check> checks, Instant evaluatedAt,
                          Duration window, String baseline, String candidate) {
        public Map<String, Object> json() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("verdict", verdict);
            out.put("reasons", reasons);
            List<Map<String, Object>> cs = new ArrayList<>();
            for (Check c : checks) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", c.name());
                m.put("value", c.value() == null || !Double.isFinite(c.value()) ? null : c.value());
                m.put("threshold", c.threshold());
                m.put("result", c.result());
                m.put("reason", c.reason());
                cs.add(m);
            }
            out.put("checks", cs);
            out.put("evaluated_at", evaluatedAt.toString());
            out.put("window", io.driftwatch.config.Durations.format(window));
            out.put("baseline", baseline);
            out.put("candidate", candidate);
            return out;
        }
    }

    public Verdict judge(ModelConfig model, PredictionSource source, String baseline, String candidate,
                         Duration window) throws SourceException {
        Instant now = clock.instant();
        List<PredictionRecord> records = source.read(new TimeRange(now.minus(window), now)).records();
        List<PredictionRecord> base = records.stream().filter(r -> baseline.equals(r.version())).toList();
        List<PredictionRecord> cand = records.stream().filter(r -> candidate.equals(r.version())).toList();
        GateConfig policy = model.gate();
        List<Check> checks = new ArrayList<>();
        Check srm = sampleRatio(records, policy);
        if (srm != null) {
            checks.add(srm);
        }
        checks.add(volume(base, baseline, window));
        checks.add(volume(cand, candidate, window));
        if (!base.isEmpty() && !cand.isEmpty()) {
            model.prediction().ifPresent(p -> {
                VersionComparison.Result compared = VersionComparison.of(records,
                        new ModelConfig.Comparison(baseline, candidate, true), p, engine);
                checks.add(predictionDrift(compared.drift()));
                Check shadow = shadow(compared.metrics(), p, policy);
                if (shadow != null) {
                    checks.add(shadow);
                }
            });
            checks.add(quality(base, cand, baseline, candidate, policy));
        }
        return verdict(checks, policy, now, window, baseline, candidate);
    }

    private static Verdict verdict(List<Check> checks, GateConfig policy, Instant now, Duration window, String baseline,
                                   String candidate) {
        List<String> reasons = new ArrayList<>();
        checks.stream().filter(c -> !"pass".equals(c.result())).forEach(c -> reasons.add(c.name() + ": " + c.reason()));
        boolean mismatch = checks.stream().anyMatch(c -> c.name().equals("sample_ratio") && !"pass".equals(c.result()));
        String v;
        if (mismatch) {
            v = "inconclusive";
        } else if (checks.stream().anyMatch(c -> "fail".equals(c.result()))) {
            v = "fail";
        } else if (checks.stream().anyMatch(c -> "inconclusive".equals(c.result()))) {
            v = policy.inconclusive();
        } else {
            v = "pass";
        }
        return new Verdict(v, reasons, checks, now, window, baseline, candidate);
    }

    private static Check volume(List<PredictionRecord> rs, String version, Duration window) {
        return rs.isEmpty() ? new Check("records_" + version, 0.0, "> 0", "inconclusive", "no records of version "
                + version + " in the last " + io.driftwatch.config.Durations.format(window))
                : new Check("records_" + version, (double) rs.size(), "> 0", "pass", rs.size() + " records");
    }

    /** Pearson's chi-square of the versions' record counts against the expected split. */
    private static Check sampleRatio(List<PredictionRecord> records, GateConfig policy) {
        if (policy.expectedSplit().isEmpty()) {
            return null;
        }
        Map<String, Long> counts = new HashMap<>();
        records.forEach(r -> counts.merge(String.valueOf(r.version()), 1L, Long::sum));
        List<String> versions = new ArrayList<>(policy.expectedSplit().keySet());
        long[] observed = versions.stream().mapToLong(v -> counts.getOrDefault(v, 0L)).toArray();
        double[] expected = versions.stream().mapToDouble(policy.expectedSplit()::get).toArray();
        double p = AbStats.sampleRatioP(observed, expected);
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < versions.size(); i++) {
            seen.append(i == 0 ? "" : ", ").append(versions.get(i)).append(' ').append(observed[i]);
        }
        String threshold = "p >= " + policy.srmAlpha();
        return p < policy.srmAlpha()
                ? new Check("sample_ratio", p, threshold, "inconclusive", String.format(Locale.ROOT,
                        "sample ratio mismatch: records %s against an expected split %s (chi-square p %.3g < %s)",
                        seen, policy.expectedSplit(), p, policy.srmAlpha()))
                : new Check("sample_ratio", p, threshold, "pass", "records " + seen + " fit the expected split");
    }

    /** The candidate's predictions against the baseline's, as {@link VersionComparison} tested them. */
    private static Check predictionDrift(DriftReport r) {
        ColumnResult col = r.columns().get(0);
        TestResult first = col.tests().isEmpty() ? null : col.tests().get(0);
        String threshold = first == null ? null : first.test() + " threshold " + first.threshold();
        Double value = first == null ? null : first.statistic();
        if (col.status() == ColumnStatus.INCONCLUSIVE) {
            return new Check("prediction_drift", value, threshold, "inconclusive", col.reason());
        }
        StringBuilder why = new StringBuilder();
        for (TestResult t : col.tests()) {
            why.append(why.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT, "%s %.4g", t.test(), t.statistic()));
            if (t.adjustedPValue() != null) {
                why.append(String.format(Locale.ROOT, " (adjusted p %.3g)", t.adjustedPValue()));
            }
        }
        return new Check("prediction_drift", value, threshold, col.drift() ? "fail" : "pass",
                (col.drift() ? "the candidate's predictions drifted from the baseline's: " : "no drift: ") + why);
    }

    /** Agreement (classes) or mean absolute difference (numbers) over requests both versions answered. */
    private static Check shadow(Map<String, Double> metrics, FeatureSpec prediction, GateConfig policy) {
        long pairs = metrics.getOrDefault("pairs", 0.0).longValue();
        boolean classes = prediction.type() == io.driftwatch.config.FeatureType.CATEGORICAL;
        if (pairs == 0) {
            return null;
        }
        double v = metrics.get(classes ? "agreement" : "mean_abs_diff");
        if (classes) {
            boolean ok = v >= policy.minAgreement();
            return new Check("agreement", v, ">= " + policy.minAgreement(), ok ? "pass" : "fail", String.format(Locale.ROOT,
                    "the versions agree on %.2f%% of %d shared requests (gate.min_agreement %s)", 100 * v, pairs,
                    policy.minAgreement()));
        }
        boolean ok = v <= policy.maxMeanAbsDiff();
        return new Check("mean_abs_diff", v, "<= " + policy.maxMeanAbsDiff(), ok ? "pass" : "fail", String.format(Locale.ROOT,
                "mean absolute difference %.4g over %d shared requests (gate.max_mean_abs_diff %s)", v, pairs,
                policy.maxMeanAbsDiff()));
    }

    /**
     * Quality from labels: accuracy (labels are classes) or absolute error (numbers), candidate minus
     * baseline, failed when the always-valid test finds the candidate worse at {@code alpha}.
     */
    private static Check quality(List<PredictionRecord> base, List<PredictionRecord> cand, String baseline,
                                 String candidate, GateConfig policy) {
        if (policy.outcome().isPresent()) {
            return outcome(base, cand, baseline, candidate, policy, policy.outcome().get());
        }
        List<PredictionRecord> lb = labelled(base);
        List<PredictionRecord> lc = labelled(cand);
        if (lb.size() < policy.minLabelled() || lc.size() < policy.minLabelled()) {
            return new Check("quality_difference", null, "always-valid p <= " + policy.alpha(), "inconclusive",
                    String.format(Locale.ROOT, "%d labelled records of %s and %d of %s; gate.min_labelled is %d per version",
                            lb.size(), baseline, lc.size(), candidate, policy.minLabelled()));
        }
        boolean classes = lb.stream().allMatch(r -> Quality.isClassLabel(r.label()))
                && lc.stream().allMatch(r -> Quality.isClassLabel(r.label()));
        AbStats.Difference d;
        String metric;
        boolean worse;
        if (classes) {
            d = AbStats.proportions(correct(lb), lb.size(), correct(lc), lc.size(), 1 - policy.alpha(), policy.tau());
            metric = "accuracy";
            worse = d.difference() < 0;
        } else {
            d = AbStats.means(absErrors(lb), absErrors(lc), 1 - policy.alpha(), policy.tau());
            metric = "absolute error";
            worse = d.difference() > 0;
        }
        boolean significant = d.alwaysValidP() <= policy.alpha();
        String numbers = String.format(Locale.ROOT, "%s %.4g (%s, n %d) vs %.4g (%s, n %d): difference %+.4g, "
                        + "%.0f%% CI [%+.4g, %+.4g], always-valid p %.3g (fixed-horizon p %.3g)", metric, d.candidate(),
                candidate, d.nCandidate(), d.baseline(), baseline, d.nBaseline(), d.difference(), 100 * (1 - policy.alpha()),
                d.low(), d.high(), d.alwaysValidP(), d.pValue());
        String result = significant && worse ? "fail" : "pass";
        return new Check("quality_difference", d.difference(), "always-valid p <= " + policy.alpha(), result,
                (significant && worse ? "the candidate is worse: " : significant ? "the candidate is better: "
                        : "no significant difference: ") + numbers);
    }

    /** A business outcome logged with each request (an input field): a proportion (0/1, booleans) or a mean. */
    private static Check outcome(List<PredictionRecord> base, List<PredictionRecord> cand, String baseline,
                                 String candidate, GateConfig policy, String field) {
        double[] b = outcomes(base, field);
        double[] c = outcomes(cand, field);
        if (b.length < policy.minLabelled() || c.length < policy.minLabelled()) {
            return new Check("outcome_difference", null, "always-valid p <= " + policy.alpha(), "inconclusive",
                    String.format(Locale.ROOT, "%d records of %s and %d of %s carry %s; gate.min_labelled is %d per version",
                            b.length, baseline, c.length, candidate, field, policy.minLabelled()));
        }
        boolean binary = java.util.Arrays.stream(b).allMatch(v -> v == 0 || v == 1)
                && java.util.Arrays.stream(c).allMatch(v -> v == 0 || v == 1);
        AbStats.Difference d = binary
                ? AbStats.proportions((long) java.util.Arrays.stream(b).sum(), b.length, (long) java.util.Arrays.stream(c).sum(),
                        c.length, 1 - policy.alpha(), policy.tau())
                : AbStats.means(b, c, 1 - policy.alpha(), policy.tau());
        boolean worse = policy.higherIsBetter() ? d.difference() < 0 : d.difference() > 0;
        boolean significant = d.alwaysValidP() <= policy.alpha();
        String numbers = String.format(Locale.ROOT, "%s %s %.4g (%s, n %d) vs %.4g (%s, n %d): difference %+.4g, "
                        + "%.0f%% CI [%+.4g, %+.4g], always-valid p %.3g (fixed-horizon p %.3g)", binary ? "share of" : "mean",
                field, d.candidate(), candidate, d.nCandidate(), d.baseline(), baseline, d.nBaseline(), d.difference(),
                100 * (1 - policy.alpha()), d.low(), d.high(), d.alwaysValidP(), d.pValue());
        return new Check("outcome_difference", d.difference(), "always-valid p <= " + policy.alpha(),
                significant && worse ? "fail" : "pass", (significant && worse ? "the candidate is worse: "
                        : significant ? "the candidate is better: " : "no significant difference: ") + numbers);
    }

    private static double[] outcomes(List<PredictionRecord> rs, String field) {
        return rs.stream().map(r -> r.input().get(field)).filter(v -> v instanceof Double || v instanceof Boolean)
                .mapToDouble(v -> v instanceof Boolean x ? (x ? 1 : 0) : (Double) v).filter(Double::isFinite).toArray();
    }

    private static List<PredictionRecord> labelled(List<PredictionRecord> rs) {
        return rs.stream().filter(r -> r.label() != null && r.prediction() != null).toList();
    }

    private static long correct(List<PredictionRecord> rs) {
        return rs.stream().filter(r -> Quality.positive(r.prediction()) == Quality.positive(r.label())).count();
    }

    private static double[] absErrors(List<PredictionRecord> rs) {
        return rs.stream().filter(r -> r.prediction() instanceof Double && r.label() instanceof Double)
                .mapToDouble(r -> Math.abs((Double) r.prediction() - (Double) r.label())).toArray();
    }
}
