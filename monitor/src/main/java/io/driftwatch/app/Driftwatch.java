package io.driftwatch.app;


import io.driftwatch.evaluation.ActionTrigger;
import io.driftwatch.evaluation.EvaluationCycle;
import io.driftwatch.evaluation.HealthReader;
import io.driftwatch.evaluation.PromqlCycle;
import io.driftwatch.evaluation.ReferenceLoader;
import io.driftwatch.evaluation.SourceHealth;

import io.driftwatch.alert.outbox.DeadLetters;
import io.driftwatch.alert.outbox.AlertSink;
import io.driftwatch.alert.outbox.Outbox;
import io.driftwatch.alert.outbox.OutboxContext;
import io.driftwatch.alert.outbox.Workers;
import io.driftwatch.alert.outbox.OutboxStore;
import java.sql.SQLException;
import io.driftwatch.alert.silence.SilenceStore;
import io.driftwatch.alert.AlertFactory;
import io.driftwatch.alert.Notifiers;
import io.driftwatch.config.DriftwatchConfig;
import io.driftwatch.config.ModelConfig;
import io.driftwatch.config.ScheduleConfig;
import io.driftwatch.source.SourceTypes;
import io.driftwatch.drift.DriftEngine;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.http.ApiBackend;
import io.driftwatch.http.HttpApi;
import io.driftwatch.metrics.Metrics;
import io.driftwatch.metrics.ModelPublisher;
import io.driftwatch.rules.AlertState;
import io.driftwatch.rules.RuleEvaluator;
import io.driftwatch.schedule.ModelScheduler;
import io.driftwatch.source.prometheus.PrometheusClient;
import io.driftwatch.alert.AlertStore;
import io.driftwatch.store.Database;
import io.driftwatch.evaluation.EvaluationRow;
import io.driftwatch.evaluation.EvaluationStore;
import io.driftwatch.evaluation.ProfileStore;
import io.driftwatch.rules.RuleStateStore;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every stage from a checked {@link Configuration}, wires them, starts the
 * scheduler and the HTTP listener, and stops them in order.
 */
public final class Driftwatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Driftwatch.class);

    private volatile Configuration config;
    private final Metrics metrics = new Metrics();
    private final Clock clock;
    private final Database db;
    private final HttpApi http;
    /** The ingest endpoint's writer; null when no model reads ingested records. */
    private final io.driftwatch.source.store.IngestWriter ingest;
    private final ModelScheduler scheduler;
    private final RuleStateStore ruleStates;
    /** What the current configuration wires (workers, health, actions, gates, cycles); replaced by a reload. */
    private volatile Wiring wiring;
    private final Wiring.Shell shell;
    /** The Kubernetes API client (in-cluster service account or kubeconfig), made when a model first needs it. */
    private io.fabric8.kubernetes.client.KubernetesClient kube;
    static final String PROMQL_JOB = "prometheus-rules";
    /** How long a replica's outbox lease lasts without renewal (it renews every third of it). */
    static final java.time.Duration OUTBOX_LEASE = java.time.Duration.ofSeconds(15);
    private final ClusterView cluster;
    /** Refreshes the cluster metrics every 15 s (members come and go without an evaluation here). */
    private final java.util.concurrent.ScheduledExecutorService clusterMetrics =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "cluster-metrics");
                t.setDaemon(true);
                return t;
            });
    private final io.driftwatch.evaluation.ModelCursors cursors;
    /** Re-reads the configuration files (SIGHUP, POST /-/reload, config.watch); null when started without them. */
    private Reloader reloader;
    /** The configuration files as last read (the configuration in force adds the ModelMonitors' models). */
    private volatile Configuration files;
    /** ModelMonitor resources, when kubernetes.model_monitors is on; else null. */
    private volatile ModelMonitors monitors;
    private KubernetesAccess access;
    private Instant startedAt;

    private Driftwatch(Configuration config, PrintStream console, Clock clock) throws Exception {
        this.config = config;
        this.clock = clock;
        DriftwatchConfig main = config.main();
        this.db = Database.open(main.store());
        String replica = ClusterView.replicaName();
        this.cursors = new io.driftwatch.evaluation.ModelCursors(db, replica);
        this.cluster = new ClusterView(replica, db, cursors, metrics, clock);
        this.ruleStates = new RuleStateStore(db);
        EvaluationStore evaluations = new EvaluationStore(db);
        this.ingest = Ingest.writer(db, clock);
        this.http = new HttpApi(main.http(), backend(evaluations), Backends.alerts(db, clock), this::actionBackend, metrics,
                Ingest.backend(() -> this.config.main().models(), ingest), access(main, clock));
        OutboxStore outboxStore = new OutboxStore(db);
        AlertStore alertStore = new AlertStore(db);
        int refingerprinted = alertStore.refingerprint();
        if (refingerprinted > 0) {
            LOG.info("{} stored alert event(s) now carry Alertmanager's fingerprints", refingerprinted);
        }
        this.scheduler = new ModelScheduler(ModelScheduler.threadsFor(main.models().size() + 1), (task, by, missed) -> {
            if (wiring != null && wiring.cycles.containsKey(task)) {
                metrics.evaluationsLate.labelValues(task).inc();
                metrics.evaluationsMissed.labelValues(task).inc(missed);
            }
        }, db.isPostgres() ? new ModelScheduler.Cluster(db.dataSource(), replica, main.store().checkinInterval()) : null);
        this.shell = new Wiring.Shell(db, metrics, clock, http.baseUrl(), console, outboxStore, alertStore, replica, cursors,
                this::kube, scheduler, this::runSafely, this::runPromql);
        this.files = config;
        if (main.kubernetes() != null && main.kubernetes().modelMonitors()) {
            this.monitors = new ModelMonitors(kube(), main.routingFile(), this::monitorsChanged, clock);
        }
        this.wiring = Wiring.build(config, shell, null);
        wiring.schedule(shell);
        StoreRetention retention = new StoreRetention(db, main.store().retention(), metrics, clock);
        scheduler.schedule(StoreRetention.JOB, new ScheduleConfig(java.time.Duration.ofMinutes(1), null),
                java.time.Duration.ofSeconds(30), retention::run);
    }

    /** The Kubernetes reviews of {@code http.auth: kubernetes}, or null with tokens. */
    private KubernetesAccess access(DriftwatchConfig main, Clock clock) {
        if (main.http().kubernetesAuth() == null) {
            return null;
        }
        this.access = new KubernetesAccess(kube(), main.http().kubernetesAuth().namespace(), this::monitorNamespace, clock);
        return access;
    }

    /** The namespace of a model that a ModelMonitor defines, or null for a model of the files. */
    private String monitorNamespace(String model) {
        ModelMonitors m = monitors;
        ModelMonitors.Monitor found = m == null ? null : m.monitor(model);
        return found == null ? null : found.namespace();
    }

    private synchronized io.fabric8.kubernetes.client.KubernetesClient kube() {
        if (kube == null) {
            kube = new io.fabric8.kubernetes.client.KubernetesClientBuilder().build();
        }
        return kube;
    }

    /**
     * Takes a new configuration: wires it (the old wiring keeps running until then), stops the old receivers'
     * workers and actions, starts the new ones, schedules the models (removed ones unscheduled, their firing
     * alerts resolved once, saying why). Called by the {@link Reloader} with a configuration already checked.
     */
    synchronized void apply(Configuration nextFiles) throws Exception {
        this.files = nextFiles;
        Configuration next = withMonitors(nextFiles);
        Wiring old = wiring;
        Wiring fresh = Wiring.build(next, shell, old);
        old.close();
        this.config = next;
        this.wiring = fresh;
        fresh.workers.start();
        fresh.schedule(shell);
        Removed.resolve(old.cycles.keySet().stream().filter(m -> !fresh.cycles.containsKey(m)).toList(), shell, fresh.sink,
                ruleStates);
    }

    /** Builds and starts the daemon; evaluations begin at once. */
    public static Driftwatch start(Configuration config, PrintStream console, Clock clock) throws Exception {
        Driftwatch d = new Driftwatch(config, console, clock);
        d.startedAt = clock.instant();
        d.wiring.workers.start();
        d.http.start();
        d.scheduler.start();
        d.clusterMetrics.scheduleWithFixedDelay(d::refreshClusterMetrics, 0, 15, java.util.concurrent.TimeUnit.SECONDS);
        d.reloader = new Reloader(d, config, d.metrics, clock);
        if (d.monitors != null) {
            d.monitors.start();
        }
        LOG.info("driftwatch started: {} model(s), {} rule(s), API at {}", config.main().models().size(),
                config.rules().size(), d.http.baseUrl());
        return d;
    }

    public String baseUrl() {
        return http.baseUrl();
    }

    /** The configuration files with the valid ModelMonitors' models and rules beside them. */
    Configuration withMonitors(Configuration fromFiles) {
        return monitors == null ? fromFiles : monitors.merge(fromFiles);
    }

    /** A ModelMonitor was applied, changed or deleted: the configuration in force follows. */
    private void monitorsChanged() {
        try {
            apply(files);
        } catch (Exception e) {
            LOG.atError().setCause(e).log("ModelMonitors could not be wired: {}", e.getMessage());
        }
    }

    /** After an evaluation: a ModelMonitor's status says what it found. */
    private void evaluated(String model, EvaluationRow row) {
        if (monitors == null || row == null || monitors.monitor(model) == null) {
            return;
        }
        try {
            List<String> firing = shell.alertStore().firing().stream().filter(a -> model.equals(a.label("model")))
                    .map(a -> a.label("alertname") + (a.label("feature") == null ? "" : "{feature=" + a.label("feature") + "}"))
                    .sorted().toList();
            monitors.evaluated(model, row, firing);
        } catch (java.sql.SQLException e) {
            LOG.atWarn().log("status of {} not written: {}", model, e.getMessage());
        }
    }

    /** The configuration in force (the last one a reload applied). */
    public Configuration configuration() {
        return config;
    }

    /** Reloads the configuration files now, as SIGHUP and {@code POST /-/reload} do. */
    public ApiBackend.ReloadOutcome reload() {
        return reloader.reload("api");
    }

    /** Reloads on SIGHUP (the daemon's process; not in tests that share a JVM). */
    public void reloadOnSighup() {
        reloader.onSighup();
    }

    public Metrics metrics() {
        return metrics;
    }

    private void refreshClusterMetrics() {
        try {
            cluster.read();
        } catch (java.sql.SQLException | RuntimeException e) {
            LOG.atDebug().log("cluster metrics not refreshed: {}", e.getMessage());
        }
    }

    /** Runs one model's evaluation now, on the caller's thread (for tests and the CLI). */
    public EvaluationRow evaluateNow(String model) throws Exception {
        EvaluationRow row = wiring.cycles.get(model).run();
        evaluated(model, row);
        return row;
    }

    /** Runs the PromQL rules now, on the caller's thread (for tests). */
    public void evaluatePromqlNow() throws Exception {
        wiring.promql.run();
    }

    private void runPromql(PromqlCycle cycle) {
        try {
            cycle.run();
        } catch (Exception e) {
            metrics.evaluationErrors.labelValues(PROMQL_JOB, "internal").inc();
            LOG.error("PromQL rule evaluation failed; it runs again next interval", e);
        }
    }

    /**
     * Runs a model's evaluation. In a cluster, a run is skipped when another run already covered its
     * window: a recovered fire (its replica died while it ran) that replica had committed after all, or a
     * regular fire less than half an interval after the last committed window (right after a recovery).
     */
    private void runSafely(EvaluationCycle cycle, ModelScheduler.Fire fire) {
        try {
            String skip = db.isPostgres() ? alreadyCovered(cycle.model(), fire) : null;
            if (skip != null) {
                LOG.atInfo().addKeyValue("model", cycle.model().name()).log("run of {} skipped: {}",
                        cycle.model().name(), skip);
                return;
            }
            evaluated(cycle.model().name(), cycle.run());
            Map<AlertState, Long> counts = ruleStates.countByState();
            for (AlertState s : AlertState.values()) {
                metrics.ruleInstances.labelValues(s.name().toLowerCase(java.util.Locale.ROOT))
                        .set(counts.getOrDefault(s, 0L));
            }
        } catch (Exception e) {
            metrics.evaluationErrors.labelValues(cycle.model().name(), "internal").inc();
            LOG.atError().addKeyValue("model", cycle.model().name())
                    .log("evaluation of {} failed; it runs again next cycle", cycle.model().name(), e);
        }
    }

    private String alreadyCovered(ModelConfig model, ModelScheduler.Fire fire) throws java.sql.SQLException {
        var cursor = cursors.get(model.name());
        if (cursor.isEmpty()) {
            return null;
        }
        if (fire.recovering() && !cursor.get().updatedAt().isBefore(fire.scheduledAt())) {
            return "its replica committed it before it died";
        }
        Instant halfAgo = clock.instant().minus(model.schedule().nominalInterval().dividedBy(2));
        if (cursor.get().windowTo().isAfter(halfAgo)) {
            return "replica " + cursor.get().replica() + " evaluated a window ending " + cursor.get().windowTo()
                    + ", less than half an interval ago";
        }
        return null;
    }

    private ApiBackend backend(EvaluationStore evaluations) {
        return new ApiBackend() {
            @Override
            public List<ModelConfig> models() {
                return config.main().models();
            }

            @Override
            public List<EvaluationRow> evaluations(String model, int limit) throws java.sql.SQLException {
                return evaluations.recent(model, limit);
            }

            @Override
            public ReloadOutcome reload() {
                return reloader == null ? ApiBackend.super.reload() : reloader.reload("api");
            }

            @Override
            public boolean configLoaded() {
                return true;
            }

            @Override
            public boolean schedulerRunning() {
                return scheduler.isRunning();
            }

            @Override
            public Instant firstDue(String model) {
                return startedAt().plus(scheduler.firstOffset(model));
            }

            @Override
            public Instant startedAt() {
                return startedAt == null ? clock.instant() : startedAt;
            }

            @Override
            public Instant now() {
                return clock.instant();
            }

            @Override
            public java.time.Duration storeFailingFor() {
                return db.failingFor();
            }

            @Override
            public Map<String, io.driftwatch.source.SourceStatus> sources() {
                return wiring.health.status();
            }

            @Override
            public Map<String, Object> cluster() throws java.sql.SQLException {
                return cluster.read();
            }

            @Override
            public Map<String, Object> gate(String model, String baseline, String candidate, String window,
                                            String caller) throws io.driftwatch.http.GateRefused {
                return wiring.gates.answer(model, baseline, candidate, window, caller);
            }

            @Override
            public java.util.Optional<String> distributions(String model, long evaluationId) throws java.sql.SQLException {
                return evaluations.detail(model, evaluationId);
            }
        };
    }

    private io.driftwatch.http.ActionBackend actionBackend() {
        Wiring w = wiring;
        return Backends.actions(db, w == null || w.actions == null ? null : w.actions.executor);
    }

    /** Stops triggering, lets a running evaluation finish and commit, then closes HTTP and the store. */
    @Override
    public void close() {
        if (reloader != null) {
            reloader.close();
        }
        if (monitors != null) {
            monitors.close();
        }
        clusterMetrics.shutdownNow();
        scheduler.close();
        wiring.close();
        synchronized (this) {
            if (kube != null) {
                kube.close();
            }
            if (access != null) {
                access.close();
            }
        }
        http.close();
        if (ingest != null) {
            ingest.close(); // what was acknowledged is committed already; what is queued is written now
        }
        db.close();
        LOG.info("driftwatch stopped");
    }
}
