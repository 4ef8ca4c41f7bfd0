package io.driftwatch.rules;

/** What a rule compares: a drift result, or the series a PromQL query returns. */
public sealed interface Condition {

    Comparison op();

    double threshold();

    /** A drift metric such as {@code psi > 0.25}. */
    record Drift(RuleExpr expr) implements Condition {
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
