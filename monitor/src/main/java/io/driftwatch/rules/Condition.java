package io.driftwatch.rules;

/** What a rule compares: a drift result, the series a PromQL query returns, or a signal Driftwatch raises itself. */
public sealed interface Condition {

    Comparison op();

    double threshold();

    /** A drift metric such as {@code psi > 0.25}. */
    record Drift(RuleExpr expr, java.util.Set<Scope> scopes) implements Condition {
        public Drift {
            scopes = java.util.Set.copyOf(scopes);
        }

        /** The default scopes: quality is the model's, comparison metrics the comparison's, drift everywhere. */
        public Drift(RuleExpr expr) {
            this(expr, switch (expr.metric()) {
                case "quality", "health", "data", "multivariate", "estimated" -> java.util.Set.of(Scope.MODEL);
                case "comparison" -> java.util.Set.of(Scope.COMPARISON);
                default -> java.util.EnumSet.allOf(Scope.class);
            });
        }

        @Override
        public Comparison op() {
            return expr.op();
        }

        @Override
        public double threshold() {
            return expr.threshold();
        }

        @Override
        public String toString() {
            return expr.toString();
        }
    }

    /**
     * A signal the daemon measures about itself (a source answered, a window held records), for its
     * built-in alerts such as {@code source_unavailable} and {@code no_data}: one instance per label set.
     */
    record Signal(String name, Comparison op, double threshold) implements Condition {
        @Override
        public String toString() {
            return name + " " + op.symbol() + " " + threshold;
        }
    }

    /**
     * A PromQL query evaluated by Prometheus; each returned series is one rule instance, compared here so
     * that an empty result is "no data" (INCONCLUSIVE), never "no breach".
     */
    record Promql(String query, Comparison op, double threshold) implements Condition {
        @Override
        public String toString() {
            return "(" + query + ") " + op.symbol() + " " + threshold;
        }
    }
}
