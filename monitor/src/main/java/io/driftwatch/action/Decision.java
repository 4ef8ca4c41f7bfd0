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
        return toBuilder().state(s).guard(guardName).error(err).build();
    }

    public Decision applied(String tgt, String p, String before, String after) {
        return toBuilder().target(tgt).patch(p).revisionBefore(before).revisionAfter(after).build();
    }

    public Decision approvedBy(String who) {
        return toBuilder().approvedBy(who).build();
    }

    public Decision finished(Instant at) {
        return toBuilder().finishedAt(at).build();
    }

    public Decision withId(long newId) {
        return toBuilder().id(newId).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this decision's values, to change some of them. */
    public Builder toBuilder() {
        return new Builder().id(id).model(model).kind(kind).strategy(strategy).rule(rule).evidence(evidence)
                .state(state).guard(guard).target(target).patch(patch).revisionBefore(revisionBefore)
                .revisionAfter(revisionAfter).error(error).approvedBy(approvedBy).createdAt(createdAt)
                .expiresAt(expiresAt).finishedAt(finishedAt);
    }

    /** Builds a decision field by field; unset fields are null (id 0, no evidence). */
    public static final class Builder {
        private long id;
        private String model;
        private Kind kind;
        private String strategy;
        private String rule;
        private Map<String, Object> evidence = Map.of();
        private State state;
        private String guard;
        private String target;
        private String patch;
        private String revisionBefore;
        private String revisionAfter;
        private String error;
        private String approvedBy;
        private Instant createdAt;
        private Instant expiresAt;
        private Instant finishedAt;

        private Builder() {
        }

        public Builder id(long v) {
            id = v;
            return this;
        }

        public Builder model(String v) {
            model = v;
            return this;
        }

        public Builder kind(Kind v) {
            kind = v;
            return this;
        }

        public Builder strategy(String v) {
            strategy = v;
            return this;
        }

        public Builder rule(String v) {
            rule = v;
            return this;
        }

        public Builder evidence(Map<String, Object> v) {
            evidence = v;
            return this;
        }

        public Builder state(State v) {
            state = v;
            return this;
        }

        public Builder guard(String v) {
            guard = v;
            return this;
        }

        public Builder target(String v) {
            target = v;
            return this;
        }

        public Builder patch(String v) {
            patch = v;
            return this;
        }

        public Builder revisionBefore(String v) {
            revisionBefore = v;
            return this;
        }

        public Builder revisionAfter(String v) {
            revisionAfter = v;
            return this;
        }

        public Builder error(String v) {
            error = v;
            return this;
        }

        public Builder approvedBy(String v) {
            approvedBy = v;
            return this;
        }

        public Builder createdAt(Instant v) {
            createdAt = v;
            return this;
        }

        public Builder expiresAt(Instant v) {
            expiresAt = v;
            return this;
        }

        public Builder finishedAt(Instant v) {
            finishedAt = v;
            return this;
        }

        public Decision build() {
            return new Decision(id, model, kind, strategy, rule, evidence, state, guard, target, patch, revisionBefore,
                    revisionAfter, error, approvedBy, createdAt, expiresAt, finishedAt);
        }
    }
}
