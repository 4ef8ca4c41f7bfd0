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

    private final Configuration config;
    private final Metrics metrics = new Metrics();
    private final Clock clock;
    private final Database db;
    private final HttpApi http;
    /** The ingest endpoint's writer; null when no model reads ingested records. */
    private final io.driftwatch.source.store.IngestWriter ingest;
    private final ModelScheduler scheduler;
    private final Map<String, EvaluationCycle> cycles = new LinkedHashMap<>();
    private final RuleStateStore ruleStates;
    private final PromqlCycle promql;
    private final SourceHealth health;
    private final Workers workers;
    private final ActionWiring actions;
    /** The Kubernetes API client (in-cluster service account or kubeconfig), when some model acts or reads health. */
    private final io.fabric8.kubernetes.client.KubernetesClient kube;
    static final String PROMQL_JOB = "prometheus-rules";
    /** How long a replica's outbox lease lasts without renewal (it renews every third of it). */
    static final java.time.Duration OUTBOX_LEASE = java.time.Duration.ofSeconds(15);
    private final ClusterView cluster;
    private Gates gates;
    /** Refreshes the cluster metrics every 15 s (members come and go without an evaluation here). */
    private final java.util.concurrent.ScheduledExecutorService clusterMetrics =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "cluster-metrics");
                t.setDaemon(true);
                return t;
            });
    private final io.driftwatch.evaluation.ModelCursors cursors;
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
        this.ingest = Ingest.writer(main.models(), db, clock);
        this.http = new HttpApi(main.http(), backend(evaluations), Backends.alerts(db, clock), this::actionBackend, metrics,
                Ingest.backend(main.models(), ingest));
        String url = http.baseUrl();
        config.routing().receivers().keySet().forEach(r -> {
            metrics.notifications.labelValues(r, "sent");
            metrics.notifications.labelValues(r, "failed");
        });
        OutboxStore outboxStore = new OutboxStore(db);
        AlertStore alertStore = new AlertStore(db);
        int refingerprinted = alertStore.refingerprint();
        if (refingerprinted > 0) {
            LOG.info("{} stored alert event(s) now carry Alertmanager's fingerprints", refingerprinted);
        }
        Outbox dispatcher = new Outbox(config.routing(), outboxStore, metrics, clock);
        AlertSink sink = new AlertSink(db, dispatcher);
        OutboxContext outboxContext = new OutboxContext(config.routing(), outboxStore, alertStore, new SilenceStore(db),
                new DeadLetters(outboxStore, sink, metrics, clock, url), metrics, clock,
                new io.driftwatch.store.Leases(db, replica, OUTBOX_LEASE));
        this.workers = new Workers(config.routing().receivers(), Notifiers.create(config.routing(), url, console),
                outboxContext);
        dispatcher.onWakeUp(workers::pokeAll);
        AlertFactory alertFactory = new AlertFactory(url);
        this.health = new SourceHealth(db, alertFactory, sink, metrics, clock);
        this.kube = main.models().stream().anyMatch(m -> m.actions().isPresent() || m.health().isPresent()
                || m.gate().splitFrom().isPresent()) ? new io.fabric8.kubernetes.client.KubernetesClientBuilder().build() : null;
        this.actions = ActionWiring.create(main, kube, db, sink, metrics, clock, url);
        ActionTrigger trigger = actions == null ? ActionTrigger.none() : actions.executor::onFiring;
        DriftEngine engine = new DriftEngine(TestRegistry.standard(), io.driftwatch.evaluation.Columns.policy(main.drift()));
        PrometheusClient prometheus = main.prometheus() == null ? null : new PrometheusClient(main.prometheus());
        this.gates = new Gates(main.models(), db, new io.driftwatch.evaluation.GateEvaluator(engine, clock,
                prometheus == null ? null : new io.driftwatch.evaluation.GateHealth(config.rules(), prometheus),
                kube == null ? null : new io.driftwatch.source.kubernetes.TrafficSplits(kube)), metrics, clock);
        EvaluationCycle.Deps deps = new EvaluationCycle.Deps(db, new ReferenceLoader(new ProfileStore(db), clock,
                main.drift().sketchAbove(), main.drift().minSamples()),
                engine, new RuleEvaluator(config.rules()),
                alertFactory, sink, metrics, new ModelPublisher(metrics), health, clock, trigger, podHealth(main, kube),
                cursors);
        this.scheduler = new ModelScheduler(ModelScheduler.threadsFor(main.models().size() + 1), (task, by, missed) -> {
            if (cycles.containsKey(task)) {
                metrics.evaluationsLate.labelValues(task).inc();
                metrics.evaluationsMissed.labelValues(task).inc(missed);
            }
        }, db.isPostgres() ? new ModelScheduler.Cluster(db.dataSource(), replica, main.store().checkinInterval()) : null);
        int index = 0;
        for (ModelConfig m : main.models()) {
            EvaluationCycle cycle = new EvaluationCycle(m, SourceTypes.open(m.source(), db), deps);
            cycles.put(m.name(), cycle);
            metrics.interval.labelValues(m.name()).set(m.schedule().nominalInterval().toMillis() / 1000.0);
            for (String stage : new String[] {"source", "reference", "internal"}) {
                metrics.evaluationErrors.labelValues(m.name(), stage); // at 0 until one happens
            }
            for (io.driftwatch.source.SkipReason reason : io.driftwatch.source.SkipReason.values()) {
                metrics.recordsSkipped.labelValues(m.name(), reason.label());
            }
            metrics.evaluationsLate.labelValues(m.name());
            metrics.evaluationsMissed.labelValues(m.name());
            metrics.lastEvaluation.labelValues(m.name()).set(clock.instant().toEpochMilli() / 1000.0);
            scheduler.schedule(m.name(), m.schedule(),
                    ModelScheduler.spread(index++, main.models().size(), m.schedule().nominalInterval()),
                    fire -> runSafely(cycle, fire));
        }
        if (main.prometheus() != null) {
            PromqlCycle promql = new PromqlCycle(config.rules(), prometheus, db,
                    alertFactory, sink, metrics, clock, health, cursors);
            scheduler.schedule(PROMQL_JOB, new ScheduleConfig(main.prometheus().interval(), null), java.time.Duration.ZERO,
                    () -> runPromql(promql));
            this.promql = promql;
        } else {
            this.promql = null;
        }
        StoreRetention retention = new StoreRetention(db, main.store().retention(), metrics, clock);
        scheduler.schedule(StoreRetention.JOB, new ScheduleConfig(java.time.Duration.ofMinutes(1), null),
                java.time.Duration.ofSeconds(30), retention::run);
        java.util.Set<String> tasks = new java.util.HashSet<>(cycles.keySet());
        tasks.add(StoreRetention.JOB);
        if (promql != null) {
            tasks.add(PROMQL_JOB);
        }
        scheduler.retainOnly(tasks);
    }

    /** Builds and starts the daemon; evaluations begin at once. */
    public static Driftwatch start(Configuration config, PrintStream console, Clock clock) throws Exception {
        Driftwatch d = new Driftwatch(config, console, clock);
        d.startedAt = clock.instant();
        d.workers.start();
        d.http.start();
        d.scheduler.start();
        d.clusterMetrics.scheduleWithFixedDelay(d::refreshClusterMetrics, 0, 15, java.util.concurrent.TimeUnit.SECONDS);
        LOG.info("driftwatch started: {} model(s), {} rule(s), API at {}", config.main().models().size(),
                config.rules().size(), d.http.baseUrl());
        return d;
    }

    public String baseUrl() {
        return http.baseUrl();
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
        return cycles.get(model).run();
    }

    /** Runs the PromQL rules now, on the caller's thread (for tests). */
    public void evaluatePromqlNow() throws Exception {
        promql.run();
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
            cycle.run();
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
                return health.status();
            }

            @Override
            public Map<String, Object> cluster() throws java.sql.SQLException {
                return cluster.read();
            }

            @Override
            public Map<String, Object> gate(String model, String baseline, String candidate, String window,
                                            String caller) throws io.driftwatch.http.GateRefused {
                return gates.answer(model, baseline, candidate, window, caller);
            }

            @Override
            public java.util.Optional<String> distributions(String model, long evaluationId) throws java.sql.SQLException {
                return evaluations.detail(model, evaluationId);
            }
        };
    }

    /** Reads pod health through the Kubernetes API when some model names its Deployment. */
    private static HealthReader podHealth(DriftwatchConfig main, io.fabric8.kubernetes.client.KubernetesClient kube) {
        if (main.models().stream().noneMatch(m -> m.health().isPresent())) {
            return HealthReader.none();
        }
        io.driftwatch.source.kubernetes.PodHealth pods = new io.driftwatch.source.kubernetes.PodHealth(kube);
        return m -> pods.read(m.health().get().namespace(), m.health().get().deployment());
    }

    private io.driftwatch.http.ActionBackend actionBackend() {
        return Backends.actions(db, actions == null ? null : actions.executor);
    }

    /** Stops triggering, lets a running evaluation finish and commit, then closes HTTP and the store. */
    @Override
    public void close() {
        clusterMetrics.shutdownNow();
        scheduler.close();
        if (actions != null) {
            actions.close();
        }
        if (kube != null) {
            kube.close();
        }
        workers.close();
        http.close();
        if (ingest != null) {
            ingest.close(); // what was acknowledged is committed already; what is queued is written now
        }
        db.close();
        LOG.info("driftwatch stopped");
    }

}
