package io.driftwatch.rules;

import java.time.Instant;

/**
 * One step of a rule instance: inactive → pending → firing → resolved → inactive. A breach starts or
 * extends the pending run; the instance fires once the run is long enough in evaluations and in time; a
 * firing instance keeps firing for {@code keep_firing_for} after its last breach, then resolves.
 */
final class RuleStateMachine {
    private RuleStateMachine() {
    }

    static RuleState step(Rule rule, RuleState s, double value, Instant now) {
        Condition c = rule.condition();
        boolean breach = c.op().test(value, c.threshold());
        return breach ? breached(rule.hold(), s, value, now) : cleared(rule.hold(), s, value, now);
    }

    private static RuleState breached(Hold hold, RuleState s, double value, Instant now) {
        boolean fresh = s.state() == AlertState.INACTIVE || s.state() == AlertState.RESOLVED;
        int breaches = fresh ? 1 : s.breaches() + 1;
        Instant since = fresh ? now : s.activeSince();
        boolean held = breaches >= hold.evaluations() && !since.plus(hold.pending()).isAfter(now);
        if (s.state() == AlertState.FIRING || held) {
            Instant fired = s.state() == AlertState.FIRING ? s.firedAt() : now;
            return new RuleState(s.rule(), s.model(), s.instance(), AlertState.FIRING, breaches, since, fired, value,
                    now, now);
        }
        return new RuleState(s.rule(), s.model(), s.instance(), AlertState.PENDING, breaches, since, null, value, now, now);
    }

    private static RuleState cleared(Hold hold, RuleState s, double value, Instant now) {
        if (s.state() == AlertState.FIRING && s.lastBreachAt() != null
                && s.lastBreachAt().plus(hold.keepFiring()).isAfter(now)) {
            return new RuleState(s.rule(), s.model(), s.instance(), AlertState.FIRING, 0, s.activeSince(), s.firedAt(),
                    value, now, s.lastBreachAt());
        }
        AlertState next = s.state() == AlertState.FIRING ? AlertState.RESOLVED : AlertState.INACTIVE;
        return new RuleState(s.rule(), s.model(), s.instance(), next, 0, null,
                next == AlertState.RESOLVED ? s.firedAt() : null, value, now, s.lastBreachAt());
    }

    /** The event a transition raises, if any. */
    static RuleEvent event(Rule rule, RuleState before, RuleState after, String version, java.util.Map<String, String> labels) {
        if (after.state() == AlertState.FIRING && before.state() != AlertState.FIRING) {
            return new RuleEvent(rule, after, version, true, labels);
        }
        if (after.state() == AlertState.RESOLVED) {
            return new RuleEvent(rule, after, version, false, labels);
        }
        return null;
    }
}
