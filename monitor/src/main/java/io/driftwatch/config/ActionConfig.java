package io.driftwatch.config;

import java.time.Duration;
import java.util.List;

/**
 * What Driftwatch may do about a model through the Kubernetes API, and the guards around it: the mode
 * ({@code dry-run} records what it would do, {@code approve} waits for an authenticated approval,
 * {@code auto} acts), a cooldown, a budget per 24 h, a circuit breaker, and how long to verify.
 */
public record ActionConfig(Mode mode, String namespace, Rollback rollback, Retrain retrain, Duration cooldown,
                           int budget, int circuitBreaker, Duration approvalTtl, Duration verifyTimeout) {

    public enum Mode {
        DRY_RUN, APPROVE, AUTO;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * A rollback strategy's settings and the rules that trigger it. Each strategy (under
     * {@code action/rollback/}) has its own record implementing this.
     */
    public interface Rollback {
        /** The strategy's name, as {@code rollback.strategy} gives it. */
        String strategy();

        List<String> on();
    }

    /**
     * A retraining pipeline's settings and the rules that trigger it. Each kind (under
     * {@code action/retrain/}) has its own record implementing this.
     */
    public interface Retrain {
        /** The kind, as {@code retrain.kind} gives it. */
        String kind();

        List<String> on();
    }
}
