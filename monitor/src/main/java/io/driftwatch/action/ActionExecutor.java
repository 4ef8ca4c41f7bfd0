package io.driftwatch.action;

import io.driftwatch.action.retrain.RetrainTrigger;
import io.driftwatch.config.ActionConfig;
import io.driftwatch.config.ModelConfig;
import io.driftwatch.metrics.Metrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns firing rules into actions: each request becomes a decision in the audit trail, passes the guards
 * ({@link Guards}), and is then recorded as a dry run, left waiting for approval, or carried out on this
 * executor's thread: planned, applied with optimistic concurrency (re-planned and retried on 409, at most
 * three times), recorded as a Kubernetes Event on the target, and verified until the rollout completes
 * or {@code verify_timeout} passes. Every outcome is counted, and reported as an alert by {@link ActionAlerts}.
 * A decision is carried out at most once: after a restart, one left RUNNING is marked FAILED, not redone.
 */
public final class ActionExecutor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ActionExecutor.class);
    private static final int ATTEMPTS = 3;

    private final KubernetesClient client;
    private final DecisionLog store;
    private final Guards guards;
    private final Leader leader;
    private final ActionAlerts alerts;
    private final Metrics metrics;
    private final Clock clock;
    private final Map<String, ModelConfig> models = new LinkedHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "driftwatch-actions");
        t.setDaemon(true);
        return t;
    });
    private volatile Duration pollInterval = Duration.ofSeconds(1);

    public ActionExecutor(KubernetesClient client, DecisionLog store, Leader leader, ActionAlerts alerts,
                          Metrics metrics, Clock clock, List<ModelConfig> configured) {
        this.client = client;
        this.store = store;
        this.guards = new Guards(store);
        this.leader = leader;
        this.alerts = alerts;
        this.metrics = metrics;
        this.clock = clock;
        configured.stream().filter(m -> m.actions().isPresent()).forEach(m -> models.put(m.name(), m));
    }

    /** Marks decisions a crash left RUNNING as failed: they are never carried out twice. */
    public void recover() throws SQLException {
        for (Decision d : store.list(null, 10_000)) {
            if (d.state() == Decision.State.RUNNING) {
                store.update(d.with(Decision.State.FAILED, null, "interrupted by a restart; not retried, so that it is "
                        + "never carried out twice").finished(clock.instant()));
            }
        }
    }

    void pollEvery(Duration d) {
        this.pollInterval = d;
    }

    /** Called after an evaluation committed, for each rule that started firing. */
    public void onFiring(String model, String version, String rule, Map<String, Object> evidence, Duration window) {
        ModelConfig m = models.get(model);
        if (m == null) {
            return;
        }
        ActionConfig c = m.actions().get();
        if (c.rollback() != null && c.rollback().on().contains(rule)) {
            request(m, c, Decision.Kind.ROLLBACK, version, rule, evidence, window);
        }
        if (c.retrain() != null && c.retrain().on().contains(rule)) {
            request(m, c, Decision.Kind.RETRAIN, version, rule, evidence, window);
        }
    }

    private void request(ModelConfig m, ActionConfig c, Decision.Kind kind, String version, String rule,
                         Map<String, Object> evidence, Duration window) {
        try {
            Decision d = decide(m, c, kind, version, rule, evidence, window);
            if (d.state() == Decision.State.RUNNING) {
                worker.submit(() -> carryOut(c, d, version, window));
            }
        } catch (SQLException | RuntimeException e) {
            LOG.atError().setCause(e).log("cannot decide on a {} of {}", kind, m.name());
        }
    }

    /** Records the decision and settles it as far as the guards and the mode allow. */
    Decision decide(ModelConfig m, ActionConfig c, Decision.Kind kind, String version, String rule,
                    Map<String, Object> evidence, Duration window) throws SQLException {
        Instant now = clock.instant();
        Strategy s = strategy(m.name(), c, kind);
        Map<String, Object> ev = new LinkedHashMap<>(evidence);
        ev.put("config_hash", Integer.toHexString(m.toString().hashCode()));
        ev.put("mode", c.mode().label());
        Decision d = store.insert(Decision.builder().model(m.name()).kind(kind).strategy(s.name()).rule(rule)
                .evidence(ev).state(Decision.State.RUNNING).target(s.target()).createdAt(now).build());
        Optional<Stop> stop = guards.check(d.id(), m.name(), kind, c, leader.isLeader(), now);
        if (stop.isEmpty() && s instanceof RetrainTrigger r) {
            stop = inFlight(r, m.name());
        }
        if (stop.isPresent()) {
            return settle(d.with(Decision.State.SKIPPED, stop.get().guard(), stop.get().reason()), c);
        }
        ActionRequest request = new ActionRequest(m.name(), version, rule, window, d.id());
        if (c.mode() == ActionConfig.Mode.AUTO) {
            return d;
        }
        try {
            Change plan = s.plan(client, request);
            Decision planned = d.applied(plan.target(), plan.patch(), plan.revisionBefore(), plan.revisionAfter());
            if (c.mode() == ActionConfig.Mode.DRY_RUN) {
                return settle(planned.with(Decision.State.DRY_RUN, null, plan.noop()), c);
            }
            Decision waiting = planned.toBuilder().state(Decision.State.PENDING_APPROVAL).guard(null).error(null)
                    .expiresAt(now.plus(c.approvalTtl())).build();
            store.update(waiting);
            alerts.report(waiting, c, store);
            LOG.atWarn().addKeyValue("model", m.name()).addKeyValue("decision", d.id())
                    .log("{} of {} waits for approval: POST /api/v1/actions/{}/approve (expires {})",
                            kind.name().toLowerCase(java.util.Locale.ROOT), m.name(), d.id(), waiting.expiresAt());
            return waiting;
        } catch (ActionException e) {
            return settle(d.with(Decision.State.FAILED, null, e.getMessage()), c);
        }
    }

    private Optional<Stop> inFlight(RetrainTrigger r, String model) {
        try {
            return r.inFlight(client, model).map(n -> new Stop(Guards.IN_FLIGHT, "retraining run " + n
                    + " is still in flight"));
        } catch (ActionException e) {
            return Optional.of(new Stop(Guards.IN_FLIGHT, "cannot tell whether a run is in flight: " + e.getMessage()));
        }
    }

    /** Approves a waiting decision; it is then carried out. */
    public Decision approve(long id, String who) throws SQLException, ActionNotApprovable {
        Decision d = store.find(id).orElseThrow(() -> new ActionNotApprovable(404, "no action " + id));
        if (d.state() != Decision.State.PENDING_APPROVAL) {
            throw new ActionNotApprovable(409, "action " + id + " is " + d.state().name().toLowerCase(java.util.Locale.ROOT)
                    + ", not waiting for approval");
        }
        ModelConfig m = models.get(d.model());
        if (d.expiresAt() != null && clock.instant().isAfter(d.expiresAt())) {
            settle(d.with(Decision.State.EXPIRED, null, "not approved before " + d.expiresAt()), m.actions().get());
            throw new ActionNotApprovable(409, "action " + id + " expired at " + d.expiresAt());
        }
        Decision running = d.approvedBy(who).with(Decision.State.RUNNING, null, null);
        store.update(running);
        ActionConfig c = m.actions().get();
        worker.submit(() -> carryOut(c, running, (String) null, Duration.ZERO));
        return running;
    }

    /** Expires approvals that waited too long. */
    public void expire() throws SQLException {
        for (Decision d : store.pendingApproval()) {
            if (d.expiresAt() != null && clock.instant().isAfter(d.expiresAt())) {
                settle(d.with(Decision.State.EXPIRED, null, "not approved before " + d.expiresAt()),
                        models.get(d.model()).actions().get());
            }
        }
    }

    /** An approval that cannot be given, with the HTTP status that says why. */
    public static final class ActionNotApprovable extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        public ActionNotApprovable(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private void carryOut(ActionConfig c, Decision d, String version, Duration window) {
        Strategy s = strategy(d.model(), c, d.kind());
        ActionRequest request = new ActionRequest(d.model(), version == null ? String.valueOf(d.evidence()
                .getOrDefault("model_version", "")) : version, d.rule(), window, d.id());
        try {
            Change done = applyWithRetries(s, request);
            Decision applied = d.applied(done.target(), done.patch(), done.revisionBefore(), done.revisionAfter());
            if (!done.changed()) {
                settle(applied.with(Decision.State.SKIPPED, Guards.NOOP, done.noop()), c);
                return;
            }
            store.update(applied);
            KubeEvents.record(client, done.target(), reason(d), describe(applied), false, clock.instant());
            boolean verified = verify(s, c.verifyTimeout());
            settle(applied.with(verified ? Decision.State.SUCCEEDED : Decision.State.FAILED, null,
                    verified ? null : "not rolled out within " + c.verifyTimeout()), c);
        } catch (ActionException e) {
            KubeEvents.record(client, s.target(), reason(d) + "Failed", e.getMessage(), true, clock.instant());
            settleQuietly(d.with(Decision.State.FAILED, null, e.getMessage()), c);
        } catch (SQLException | RuntimeException e) {
            LOG.atError().setCause(e).log("action {} of {} failed", d.id(), d.model());
            settleQuietly(d.with(Decision.State.FAILED, null, String.valueOf(e.getMessage())), c);
        }
    }

    private Change applyWithRetries(Strategy s, ActionRequest request) throws ActionException {
        for (int attempt = 1; ; attempt++) {
            Change plan = s.plan(client, request);
            if (!plan.changed()) {
                return plan;
            }
            try {
                return s.apply(client, request, plan);
            } catch (ActionException e) {
                if (!e.conflict() || attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.warn("{} changed under action {} (409): re-reading, attempt {}", s.target(), request.decisionId(),
                        attempt + 1);
            }
        }
    }

    private boolean verify(Strategy s, Duration timeout) throws ActionException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (s.done(client)) {
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private Decision settle(Decision d, ActionConfig c) throws SQLException {
        Decision done = d.state().finished() ? d.finished(clock.instant()) : d;
        store.update(done);
        metrics.actions.labelValues(d.kind().name().toLowerCase(java.util.Locale.ROOT), result(done.state())).inc();
        LOG.atInfo().addKeyValue("model", d.model()).addKeyValue("decision", d.id()).addKeyValue("state", done.state())
                .log("action {} ({} {} of {}): {}{}", d.id(), d.strategy(), d.kind().name().toLowerCase(java.util.Locale.ROOT),
                        d.model(), done.state().name().toLowerCase(java.util.Locale.ROOT),
                        done.error() == null ? "" : ": " + done.error());
        alerts.report(done, c, store);
        return done;
    }

    private void settleQuietly(Decision d, ActionConfig c) {
        try {
            settle(d, c);
        } catch (SQLException e) {
            LOG.atError().setCause(e).log("cannot record action {}", d.id());
        }
    }

    static String result(Decision.State s) {
        return switch (s) {
            case SUCCEEDED -> "taken";
            case DRY_RUN -> "dry_run";
            case FAILED, EXPIRED -> "failed";
            default -> "skipped";
        };
    }

    private static String reason(Decision d) {
        return d.kind() == Decision.Kind.ROLLBACK ? "DriftwatchRollback" : "DriftwatchRetrain";
    }

    private static String describe(Decision d) {
        return "Driftwatch " + d.strategy() + " for model " + d.model() + " (rule " + d.rule() + ", decision " + d.id()
                + (d.revisionBefore() == null ? "" : ", " + d.revisionBefore() + " -> " + d.revisionAfter()) + ")";
    }

    private Strategy strategy(String model, ActionConfig c, Decision.Kind kind) {
        return kind == Decision.Kind.ROLLBACK ? Strategies.rollback(model, c, store) : Strategies.retrain(c);
    }

    /** Waits for queued actions (tests and shutdown). */
    public void drain() throws InterruptedException {
        java.util.concurrent.Future<?> f = worker.submit(() -> { });
        try {
            f.get(5, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        worker.shutdown();
        try {
            worker.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
