package io.driftwatch.config;

import java.nio.file.Path;
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

    /** The retraining pipeline and the rules that trigger it. */
    public record Retrain(String kind, List<String> on, String name, Path template) {
        public Retrain {
            on = List.copyOf(on);
        }
    }
}
