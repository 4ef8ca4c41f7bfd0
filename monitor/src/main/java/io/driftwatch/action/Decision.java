package io.driftwatch.action;

import java.time.Instant;
import java.util.Map;

/**
 * One decision about one action, as the audit trail keeps it: what triggered it and why (the rule and
 * its evidence: statistics, thresholds, config hash), what happened (its state and, when a guard stopped
 * it, which), and what was changed (the target, the exact patch, the revisions before and after).
 */
public record Decision(long id, String model, Kind kind, String strategy, String rule, Map<String, Object> evidence,
                       State state, String guard, String target, String patch, String revisionBefore,
                       String revisionAfter, String error, String approvedBy, Instant createdAt, Instant expiresAt,
                       Instant finishedAt) {
    public Decision {
        evidence = Map.copyOf(evidence);
    }

    public enum Kind { ROLLBACK, RETRAIN }

    /** Where a decision stands. */
    public enum State {
        /** Waiting for {@code POST /api/v1/actions/{id}/approve}. */
        PENDING_APPROVAL,
        /** Approved (or auto): being carried out. */
        RUNNING,
        SUCCEEDED,
        FAILED,
        /** Stopped by a guard (see {@code guard}). */
        SKIPPED,
        /** Recorded as it would have run, nothing changed. */
        DRY_RUN,
        /** Not approved in time. */
        EXPIRED;

        public boolean finished() {
            return this != PENDING_APPROVAL && this != RUNNING;
        }
    }

    public Decision with(State s, String guardName, String err) {
        return new Decision(id, model, kind, strategy, rule, evidence, s, guardName, target, patch, revisionBefore,
                revisionAfter, err, approvedBy, createdAt, expiresAt, finishedAt);
    }

    public Decision applied(String tgt, String p, String before, String after) {
        return new Decision(id, model, kind, strategy, rule, evidence, state, guard, tgt, p, before, after, error,
                approvedBy, createdAt, expiresAt, finishedAt);
    }

    public Decision approvedBy(String who) {
        return new Decision(id, model, kind, strategy, rule, evidence, state, guard, target, patch, revisionBefore,
                revisionAfter, error, who, createdAt, expiresAt, finishedAt);
    }

    public Decision finished(Instant at) {
        return new Decision(id, model, kind, strategy, rule, evidence, state, guard, target, patch, revisionBefore,
                revisionAfter, error, approvedBy, createdAt, expiresAt, at);
    }

    public Decision withId(long newId) {
        return new Decision(newId, model, kind, strategy, rule, evidence, state, guard, target, patch, revisionBefore,
                revisionAfter, error, approvedBy, createdAt, expiresAt, finishedAt);
    }
}
