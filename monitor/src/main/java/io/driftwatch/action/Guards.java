package io.driftwatch.action;

import io.driftwatch.config.ActionConfig;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The guards every action passes, in order: only the leader acts; an open circuit breaker (N failed
 * actions in a row) stops it; a cooldown since the last action taken; a budget of actions per 24 h.
 * The first guard that stops an action names it in the audit trail.
 */
final class Guards {
    static final String LEADER = "leader";
    static final String CIRCUIT_BREAKER = "circuit_breaker";
    static final String COOLDOWN = "cooldown";
    static final String BUDGET = "budget";
    static final String IN_FLIGHT = "in_flight";
    static final String NOOP = "noop";

    private final DecisionLog store;

    Guards(DecisionLog store) {
        this.store = store;
    }

    /** The guard that stops this action, with why, or empty. */
    Optional<Stop> check(long self, String model, Decision.Kind kind, ActionConfig c, boolean leader, Instant now)
            throws SQLException {
        if (!leader) {
            return Optional.of(new Stop(LEADER, "this replica is not the leader"));
        }
        List<Decision> recent = store.since(model, kind, now.minus(Duration.ofDays(7))).stream()
                .filter(d -> d.id() != self).toList();
        int failures = 0;
        for (Decision d : recent) {
            if (d.state() == Decision.State.FAILED) {
                failures++;
            } else if (d.state() == Decision.State.SUCCEEDED) {
                break;
            }
        }
        if (failures >= c.circuitBreaker()) {
            return Optional.of(new Stop(CIRCUIT_BREAKER, failures + " failed actions in a row (limit "
                    + c.circuitBreaker() + "): a human must look"));
        }
        Optional<Decision> last = recent.stream().filter(Guards::taken).findFirst();
        if (last.isPresent() && last.get().createdAt().plus(c.cooldown()).isAfter(now)) {
            return Optional.of(new Stop(COOLDOWN, "the last " + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + " was at " + last.get().createdAt() + " (cooldown " + c.cooldown() + ")"));
        }
        long day = recent.stream().filter(Guards::taken).filter(d -> d.createdAt().isAfter(now.minus(Duration.ofDays(1))))
                .count();
        if (day >= c.budget()) {
            return Optional.of(new Stop(BUDGET, day + " actions in the last 24 h (budget " + c.budget() + ")"));
        }
        return Optional.empty();
    }

    /** Counts against cooldown and budget: carried out, or being carried out. */
    static boolean taken(Decision d) {
        return d.state() == Decision.State.SUCCEEDED || d.state() == Decision.State.RUNNING
                || d.state() == Decision.State.FAILED && d.patch() != null && d.revisionAfter() != null;
    }
}
