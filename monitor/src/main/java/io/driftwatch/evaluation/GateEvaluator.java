package io.driftwatch.evaluation;

import io.driftwatch.config.FeatureSpec;
import io.driftwatch.config.GateConfig;
import io.driftwatch.config.ModelConfig;
import io.driftwatch.drift.ColumnResult;
import io.driftwatch.drift.ColumnStatus;
import io.driftwatch.drift.DriftEngine;
import io.driftwatch.drift.DriftReport;
import io.driftwatch.drift.TestResult;
import io.driftwatch.source.PredictionRecord;
import io.driftwatch.source.PredictionSource;
import io.driftwatch.source.SourceException;
import io.driftwatch.source.TimeRange;
import io.driftwatch.source.kubernetes.TrafficSplits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
    private final GateHealth health;
    private final TrafficSplits splits;

    /** {@code health} (no Prometheus) and {@code splits} (no Kubernetes client) may be null. */
    public GateEvaluator(DriftEngine engine, Clock clock, GateHealth health, TrafficSplits splits) {
        this.engine = engine;
        this.clock = clock;
        this.health = health;
        this.splits = splits;
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
        Check srm = sampleRatio(records, policy, baseline, candidate);
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
            checks.add(GateQuality.quality(base, cand, baseline, candidate, policy));
        }
        if (health != null) {
            checks.addAll(health.checks(model, candidate, now));
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

    /**
     * Pearson's chi-square of the versions' record counts against the expected split: configured, or read
     * now from the VirtualService or Rollout (when that cannot be read, the check is inconclusive and says why).
     */
    private Check sampleRatio(List<PredictionRecord> records, GateConfig policy, String baseline, String candidate) {
        Map<String, Double> split = policy.expectedSplit();
        String from = "the configured split";
        if (policy.splitFrom().isPresent()) {
            if (splits == null) {
                return unknownSplit(policy, "gate.split_from needs the Kubernetes API, and this daemon has no client for it");
            }
            try {
                TrafficSplits.Split s = splits.read(policy.splitFrom().get(), baseline, candidate);
                split = new LinkedHashMap<>();
                split.put(baseline, s.baseline());
                split.put(candidate, s.candidate());
                from = s.from();
            } catch (SourceException e) {
                return unknownSplit(policy, "the expected split cannot be read: " + e.getMessage());
            }
            if (split.values().stream().anyMatch(w -> w <= 0)) {
                return unknownSplit(policy, from + " gives weights " + split + ": a version with no weight cannot be compared");
            }
        }
        return split.isEmpty() ? null : SampleRatio.check(records, split, from, policy.srmAlpha());
    }

    private static Check unknownSplit(GateConfig policy, String why) {
        return new Check("sample_ratio", null, "p >= " + policy.srmAlpha(), "inconclusive", why);
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

}
