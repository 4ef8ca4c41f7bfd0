package io.driftwatch.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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

    /** The rollback strategy and the rules that trigger it. */
    public record Rollback(String strategy, List<String> on, String deployment, String service,
                           Map<String, String> stableSelector, String canaryKind, String canaryName, String stableHost) {
        public Rollback {
            on = List.copyOf(on);
            stableSelector = Map.copyOf(stableSelector);
        }
    }

    /** The retraining pipeline and the rules that trigger it. */
    public record Retrain(String kind, List<String> on, String name, Path template) {
        public Retrain {
            on = List.copyOf(on);
        }
    }
}
