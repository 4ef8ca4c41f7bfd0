package io.driftwatch.evaluation;

import io.driftwatch.config.GateConfig;
import io.driftwatch.evaluation.GateEvaluator.Check;
import io.driftwatch.quality.AbStats;
import io.driftwatch.quality.Quality;
import io.driftwatch.source.PredictionRecord;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The gate's quality check: accuracy or absolute error from labels, or a business outcome field, candidate
 * against baseline with the always-valid test of {@link AbStats}; inconclusive below the policy's
 * labelled count.
 */
final class GateQuality {
    private GateQuality() {
    }

    /**
     * Quality from labels: accuracy (labels are classes) or absolute error (numbers), candidate minus
     * baseline, failed when the always-valid test finds the candidate worse at {@code alpha}.
     */
    static Check quality(List<PredictionRecord> base, List<PredictionRecord> cand, String baseline,
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
        boolean binary = Arrays.stream(b).allMatch(v -> v == 0 || v == 1)
                && Arrays.stream(c).allMatch(v -> v == 0 || v == 1);
        AbStats.Difference d = binary
                ? AbStats.proportions((long) Arrays.stream(b).sum(), b.length, (long) Arrays.stream(c).sum(),
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
