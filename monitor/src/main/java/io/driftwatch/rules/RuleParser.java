package io.driftwatch.rules;

import io.driftwatch.config.ConfigErrors;
import io.driftwatch.config.ConfigNode;
import io.driftwatch.config.YamlReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads rule files: a top-level {@code rules:} list. Each rule has a name, a {@code source} (drift, the
 * default, or prometheus), an expr (a drift expression, or PromQL with {@code op} and {@code threshold}),
 * optional model and feature globs, {@code for} (a count of evaluations or a duration),
 * {@code consecutive}, {@code keep_firing_for}, severity, labels and annotations.
 */
public final class RuleParser {
    public static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");

    private final Predicate<String> knownMetric;
    private final Predicate<String> givesPValue;

    /** {@code knownMetric} says whether a name is a drift test (model-level metrics are always known). */
    public RuleParser(Predicate<String> knownMetric) {
        this(knownMetric, t -> true);
    }

    /** The same, and {@code givesPValue} says whether a test gives a p-value (else only a statistic). */
    public RuleParser(Predicate<String> knownMetric, Predicate<String> givesPValue) {
        this.knownMetric = knownMetric;
        this.givesPValue = givesPValue;
    }

    public List<Rule> parse(Path file, String displayName, ConfigErrors errors) {
        List<Rule> out = new ArrayList<>();
        YamlReader.read(file, displayName, errors).ifPresent(root -> {
            ConfigNode n = ConfigNode.root(root, errors);
            for (ConfigNode r : n.listOfMaps("rules")) {
                Rule rule = rule(r);
                if (rule != null) {
                    out.add(rule);
                }
            }
            if (!n.has("rules")) {
                errors.add(n.location(), "rules", "is required: a list of rules");
            }
            n.finish();
        });
        return out;
    }

    private Rule rule(ConfigNode r) {
        String name = r.requiredString("name");
        r.values("source", List.of("drift", "prometheus"));
        String source = r.string("source").orElse("drift");
        Condition condition = switch (source) {
            case "drift" -> driftCondition(r);
            case "prometheus" -> promqlCondition(r);
            default -> {
                r.error("source", "unknown source '" + source + "'; use drift or prometheus");
                List.of("expr", "op", "threshold").forEach(r::has); // not also reported as unknown keys
                yield null;
            }
        };
        String model = r.string("model").orElse("*");
        String feature = r.string("feature").orElse("*");
        Hold hold = hold(r);
        r.values("severity", new java.util.TreeSet<>(SEVERITIES));
        String severity = r.string("severity").orElse("warning");
        if (!SEVERITIES.contains(severity)) {
            r.error("severity", "unknown severity '" + severity + "'; use one of " + SEVERITIES);
        }
        var labels = r.stringMap("labels");
        var annotations = r.stringMap("annotations");
        annotations.forEach((k, v) -> {
            String bad = io.driftwatch.config.TemplateSyntax.problem(v);
            if (bad != null) {
                r.errors().add(r.locationOf("annotations"), r.pathOf("annotations") + "." + k, bad);
            }
        });
        r.finish();
        if (name == null || condition == null) {
            return null;
        }
        return new Rule(name, r.location(), model, feature, condition, hold, severity, labels, annotations);
    }

    private Condition driftCondition(ConfigNode r) {
        String text = r.requiredString("expr");
        RuleExpr e = text == null ? null : expr(r, text);
        if (e == null) {
            return null;
        }
        Condition.Drift d = new Condition.Drift(e);
        List<String> names = r.stringList("scope");
        java.util.Set<Scope> scopes = java.util.EnumSet.noneOf(Scope.class);
        for (String s : names) {
            try {
                scopes.add(Scope.valueOf(s.toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException ex) {
                r.error("scope", "unknown scope '" + s + "'; use model, segment or comparison");
            }
        }
        return scopes.isEmpty() ? d : new Condition.Drift(e, scopes);
    }

    private static Condition promqlCondition(ConfigNode r) {
        String query = r.requiredString("expr");
        r.values("op", java.util.Arrays.stream(Comparison.values()).map(Comparison::symbol).toList());
        String opText = r.string("op").orElse(">");
        Optional<Comparison> op = Comparison.of(opText);
        if (op.isEmpty()) {
            r.error("op", "unknown comparison '" + opText + "'; use one of > >= < <= == !=");
        }
        Double threshold = r.number("threshold").orElse(null);
        if (threshold == null && !r.has("threshold")) {
            r.errors().add(r.location(), r.pathOf("threshold"), "is required for a prometheus rule");
        }
        if (query == null || op.isEmpty() || threshold == null) {
            return null;
        }
        return new Condition.Promql(query, op.get(), threshold);
    }

    /** {@code for}: a count of evaluations (2) or a duration (5m); {@code keep_firing_for}: a duration. */
    private static Hold hold(ConfigNode r) {
        int count = 1;
        Duration pending = Duration.ZERO;
        if (r.isInteger("for")) {
            long n = r.integer("for").orElse(1L);
            if (n < 1) {
                r.error("for", "must be at least 1 (consecutive evaluations)");
            }
            count = (int) Math.max(1, n);
        } else {
            pending = r.duration("for").orElse(Duration.ZERO);
        }
        long consecutive = r.integer("consecutive").orElse(1L);
        if (consecutive < 1) {
            r.error("consecutive", "must be at least 1");
        }
        Duration keep = r.duration("keep_firing_for").orElse(Duration.ZERO);
        return new Hold((int) Math.max(count, consecutive), pending, keep);
    }

    private RuleExpr expr(ConfigNode r, String text) {
        var parsed = RuleExpr.parse(text);
        if (parsed.isEmpty()) {
            r.error("expr", "cannot parse '" + text + "'; write <test>[.statistic|.p_value|.adjusted_p_value] "
                    + "<op> <number>, e.g. 'psi > 0.25', 'integrity.missing_share > 0.05', or drifted_features >= 2");
            return null;
        }
        RuleExpr e = parsed.get();
        if ("health".equals(e.metric()) && !RuleExpr.HEALTH.contains(e.field())) {
            r.error("expr", "unknown health signal '" + e.field() + "'; use one of " + RuleExpr.HEALTH);
        } else if ("comparison".equals(e.metric()) && !RuleExpr.COMPARISON.contains(e.field())) {
            r.error("expr", "unknown comparison metric '" + e.field() + "'; use one of " + RuleExpr.COMPARISON);
        } else if ("quality".equals(e.metric()) && !RuleExpr.QUALITY.contains(e.field())) {
            r.error("expr", "unknown quality metric '" + e.field() + "'; use one of " + RuleExpr.QUALITY);
        } else if ("multivariate".equals(e.metric()) && !RuleExpr.MULTIVARIATE.contains(e.field())) {
            r.error("expr", "unknown multivariate signal '" + e.field() + "'; use one of " + new java.util.TreeSet<>(RuleExpr.MULTIVARIATE));
        } else if ("estimated".equals(e.metric()) && !RuleExpr.ESTIMATED.contains(e.field())) {
            r.error("expr", "unknown estimated metric '" + e.field() + "'; use one of " + new java.util.TreeSet<>(RuleExpr.ESTIMATED));
        } else if ("data".equals(e.metric())) {
            if (!RuleExpr.DATA.contains(e.field())) {
                r.error("expr", "unknown data quality signal '" + e.field() + "'; use one of " + new java.util.TreeSet<>(RuleExpr.DATA));
            }
        } else if ("integrity".equals(e.metric())) {
            if (!RuleExpr.INTEGRITY.contains(e.field())) {
                r.error("expr", "unknown integrity check '" + e.field() + "'; use one of " + RuleExpr.INTEGRITY);
            }
        } else if (!e.isModelLevel() && !knownMetric.test(e.metric())) {
            r.error("expr", "unknown metric '" + e.metric() + "' in '" + text + "'");
        } else if (!e.isModelLevel() && !RuleExpr.FIELDS.contains(e.field())) {
            r.error("expr", "unknown field '" + e.field() + "'; use one of " + RuleExpr.FIELDS);
        } else if (!e.isModelLevel() && !"statistic".equals(e.field()) && !givesPValue.test(e.metric())) {
            r.error("expr", "'" + e.metric() + "' is a distance and has no " + e.field() + ", so '" + text
                    + "' could never be evaluated; compare '" + e.metric() + "' (its statistic) with a threshold");
        }
        return e;
    }
}
