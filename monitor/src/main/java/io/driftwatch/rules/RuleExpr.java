package io.driftwatch.rules;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A threshold expression such as {@code psi > 0.25}, {@code ks.p_value < 0.001} or
 * {@code drifted_features >= 3}. A test name alone means its statistic.
 */
public record RuleExpr(String metric, String field, Comparison op, double threshold) {
    /** Metrics about the whole model rather than one feature. */
    public static final Set<String> MODEL_METRICS = Set.of("drifted_features", "drift_share", "quality",
            "comparison", "health", "multivariate", "estimated");
    /** The fields of {@code multivariate}: the window's PCA reconstruction error, and its z against the reference. */
    public static final Set<String> MULTIVARIATE = Set.of("reconstruction_error", "z");
    /** The fields of {@code estimated}: performance estimated without labels (CBPE). */
    public static final Set<String> ESTIMATED = Set.of("accuracy", "precision", "recall", "f1", "roc_auc");
    /** The fields of {@code health}: the serving pods of the model's Deployment. */
    public static final Set<String> HEALTH = Set.of("restarts", "crash_looping", "ready", "desired", "ready_ratio", "pods");
    /** The fields of {@code comparison}: two versions over the same window. */
    public static final Set<String> COMPARISON = Set.of("agreement", "mean_abs_diff", "pairs");
    /** The fields of {@code quality}: model quality over the window's labelled records. */
    public static final Set<String> QUALITY = Set.of("accuracy", "precision", "recall", "f1", "roc_auc", "mae", "rmse");
    public static final Set<String> FIELDS = Set.of("statistic", "p_value", "adjusted_p_value");
    /**
     * The fields of {@code integrity}: a feature's data quality in the current window, whatever the
     * tests say: the share of missing values, how many categories the reference never had, and the
     * smallest and largest value (numeric features).
     */
    public static final Set<String> INTEGRITY = Set.of("missing_share", "new_categories", "min", "max");
    /**
     * The fields of {@code data}: per feature the shares of missing, unparsable, out-of-range (numbers
     * outside the reference's range) and new-category values in the window; per model the configured
     * features with no value at all and the input keys the model does not name.
     */
    public static final Set<String> DATA = Set.of("missing_share", "unparsable_share", "out_of_range_share",
            "new_category_share", "missing_features", "unexpected_keys");
    /** The model-level fields of {@code data}. */
    public static final Set<String> DATA_MODEL = Set.of("missing_features", "unexpected_keys");
    private static final Pattern SYNTAX = Pattern.compile(
            "\\s*([a-z_]+)(?:\\.([a-z_]+))?\\s*(>=|<=|==|!=|>|<)\\s*([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*");

    /** Parses the syntax only; whether the metric exists is checked against the test registry. */
    public static Optional<RuleExpr> parse(String text) {
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        String field = m.group(2) == null ? "statistic" : m.group(2);
        return Optional.of(new RuleExpr(m.group(1), field, Comparison.of(m.group(3)).orElseThrow(),
                Double.parseDouble(m.group(4))));
    }

    public boolean isModelLevel() {
        return MODEL_METRICS.contains(metric);
    }

    @Override
    public String toString() {
        String lhs = ("quality".equals(metric) || "comparison".equals(metric) || "health".equals(metric)
                || "multivariate".equals(metric) || "estimated".equals(metric)
                || "integrity".equals(metric) || "data".equals(metric) || !isModelLevel()) && !"statistic".equals(field) ? metric + "." + field : metric;
        return lhs + " " + op.symbol() + " " + threshold;
    }
}
