package io.driftwatch.rules;

import io.driftwatch.config.ConfigErrors;
import io.driftwatch.config.ConfigNode;
import io.driftwatch.config.YamlReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads rule files: a top-level {@code rules:} list, each rule with name, expr, optional model and
 * feature globs, for (consecutive evaluations), severity, labels and annotations.
 */
public final class RuleParser {
    public static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");

    private final Predicate<String> knownMetric;

    /** {@code knownMetric} says whether a name is a drift test (model-level metrics are always known). */
    public RuleParser(Predicate<String> knownMetric) {
        this.knownMetric = knownMetric;
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
        String exprText = r.requiredString("expr");
        RuleExpr expr = exprText == null ? null : expr(r, exprText);
        String model = r.string("model").orElse("*");
        String feature = r.string("feature").orElse("*");
        long forCount = r.integer("for").orElse(1L);
        if (forCount < 1) {
            r.error("for", "must be at least 1 (consecutive evaluations)");
        }
        String severity = r.string("severity").orElse("warning");
        if (!SEVERITIES.contains(severity)) {
            r.error("severity", "unknown severity '" + severity + "'; use one of " + SEVERITIES);
        }
        var labels = r.stringMap("labels");
        var annotations = r.stringMap("annotations");
        r.finish();
        if (name == null || expr == null) {
            return null;
        }
        return new Rule(name, r.location(), model, feature, expr, (int) forCount, severity, labels, annotations);
    }

    private RuleExpr expr(ConfigNode r, String text) {
        var parsed = RuleExpr.parse(text);
        if (parsed.isEmpty()) {
            r.error("expr", "cannot parse '" + text + "'; write <test>[.statistic|.p_value|.adjusted_p_value] "
                    + "<op> <number>, e.g. 'psi > 0.25', or drifted_features >= 2");
            return null;
        }
        RuleExpr e = parsed.get();
        if (!e.isModelLevel() && !knownMetric.test(e.metric())) {
            r.error("expr", "unknown metric '" + e.metric() + "' in '" + text + "'");
        } else if (!e.isModelLevel() && !RuleExpr.FIELDS.contains(e.field())) {
            r.error("expr", "unknown field '" + e.field() + "'; use one of " + RuleExpr.FIELDS);
        }
        return e;
    }
}
