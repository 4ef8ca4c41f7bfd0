package io.driftwatch.app;

import io.driftwatch.alert.AlertFactory;
import io.driftwatch.alert.AlertStore;
import io.driftwatch.alert.Notifiers;
import io.driftwatch.alert.outbox.AlertSink;
import io.driftwatch.alert.outbox.DeadLetters;
import io.driftwatch.alert.outbox.Outbox;
import io.driftwatch.alert.outbox.OutboxContext;
import io.driftwatch.alert.outbox.OutboxStore;
import io.driftwatch.alert.outbox.Workers;
import io.driftwatch.alert.silence.SilenceStore;
import io.driftwatch.config.DriftwatchConfig;
import io.driftwatch.config.ModelConfig;
import io.driftwatch.config.ScheduleConfig;
import io.driftwatch.drift.DriftEngine;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.evaluation.ActionTrigger;
import io.driftwatch.evaluation.EvaluationCycle;
import io.driftwatch.evaluation.HealthReader;
import io.driftwatch.evaluation.ModelCursors;
import io.driftwatch.evaluation.PromqlCycle;
import io.driftwatch.evaluation.ProfileStore;
import io.driftwatch.evaluation.ReferenceLoader;
import io.driftwatch.evaluation.SourceHealth;
import io.driftwatch.metrics.Metrics;
import io.driftwatch.metrics.ModelPublisher;
import io.driftwatch.rules.RuleEvaluator;
import io.driftwatch.schedule.ModelScheduler;
import io.driftwatch.source.PredictionSource;
import io.driftwatch.source.SourceTypes;
import io.driftwatch.source.prometheus.PrometheusClient;
import io.driftwatch.store.Database;
import java.io.PrintStream;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What one configuration wires: the receivers' workers and the alert sink, source health, actions, the gate,
 * one evaluation cycle per model with its schedule, and the PromQL rules. Built at start and again at each
 * reload; everything durable (rule states, silences, the outbox, fitted references, cursors) is in the store,
 * so a new wiring takes over where the old one stopped. An unchanged model keeps its source (and so what its
 * source has read); its schedule keeps its next fire time.
 */
final class Wiring implements AutoCloseable {
    /** What outlives a configuration: the store, metrics, the listener's URL, the scheduler. */
    record Shell(Database db, Metrics metrics, Clock clock, String url, PrintStream console, OutboxStore outboxStore,
                 AlertStore alertStore, String replica, ModelCursors cursors, Supplier<io.fabric8.kubernetes.client.KubernetesClient> kube,
                 ModelScheduler scheduler, BiConsumer<EvaluationCycle, ModelScheduler.Fire> run,
                 Consumer<PromqlCycle> runPromql) {
    }

    final Configuration config;
    final Workers workers;
    final AlertSink sink;
    final SourceHealth health;
    final ActionWiring actions;
    final Gates gates;
    final Map<String, EvaluationCycle> cycles = new LinkedHashMap<>();
    final PromqlCycle promql;

    private Wiring(Configuration config, Shell shell, Wiring previous) throws Exception {
        this.config = config;
        DriftwatchConfig main = config.main();
        Metrics metrics = shell.metrics();
        Clock clock = shell.clock();
        Database db = shell.db();
        config.routing().receivers().keySet().forEach(r -> {
            metrics.notifications.labelValues(r, "sent");
            metrics.notifications.labelValues(r, "failed");
        });
        Outbox dispatcher = new Outbox(config.routing(), shell.outboxStore(), metrics, clock);
        this.sink = new AlertSink(db, dispatcher);
        OutboxContext outboxContext = new OutboxContext(config.routing(), shell.outboxStore(), shell.alertStore(),
                new SilenceStore(db), new DeadLetters(shell.outboxStore(), sink, metrics, clock, shell.url()), metrics, clock,
                new io.driftwatch.store.Leases(db, shell.replica(), Driftwatch.OUTBOX_LEASE));
        this.workers = new Workers(config.routing().receivers(), Notifiers.create(config.routing(), shell.url(),
                shell.console()), outboxContext);
        dispatcher.onWakeUp(workers::pokeAll);
        AlertFactory alertFactory = new AlertFactory(shell.url());
        this.health = new SourceHealth(db, alertFactory, sink, metrics, clock);
        boolean needsKube = main.models().stream().anyMatch(m -> m.actions().isPresent() || m.health().isPresent()
                || m.gate().splitFrom().isPresent());
        io.fabric8.kubernetes.client.KubernetesClient kube = needsKube ? shell.kube().get() : null;
        this.actions = ActionWiring.create(main, kube, db, sink, metrics, clock, shell.url());
        ActionTrigger trigger = actions == null ? ActionTrigger.none() : actions.executor::onFiring;
        DriftEngine engine = new DriftEngine(TestRegistry.standard(), io.driftwatch.evaluation.Columns.policy(main.drift()));
        PrometheusClient prometheus = main.prometheus() == null ? null : new PrometheusClient(main.prometheus());
        this.gates = new Gates(main.models(), db, new io.driftwatch.evaluation.GateEvaluator(engine, clock,
                prometheus == null ? null : new io.driftwatch.evaluation.GateHealth(config.rules(), prometheus),
                kube == null ? null : new io.driftwatch.source.kubernetes.TrafficSplits(kube)), metrics, clock);
        EvaluationCycle.Deps deps = new EvaluationCycle.Deps(db, new ReferenceLoader(new ProfileStore(db), clock,
                main.drift().sketchAbove(), main.drift().minSamples()), engine, new RuleEvaluator(config.rules()),
                alertFactory, sink, metrics, new ModelPublisher(metrics), health, clock, trigger, podHealth(main, kube),
                shell.cursors());
        for (ModelConfig m : main.models()) {
            EvaluationCycle old = previous == null ? null : previous.cycles.get(m.name());
            PredictionSource source = old != null && old.model().source().equals(m.source()) ? old.source()
                    : SourceTypes.open(m.source(), db);
            cycles.put(m.name(), new EvaluationCycle(m, source, deps));
        }
        this.promql = prometheus == null ? null : new PromqlCycle(config.rules(), prometheus, db, alertFactory, sink, metrics,
                clock, health, shell.cursors());
    }

    /** Wires a configuration; {@code previous} (null at start) lends its unchanged models' sources. */
    static Wiring build(Configuration config, Shell shell, Wiring previous) throws Exception {
        return new Wiring(config, shell, previous);
    }

    /** Schedules every model (an unchanged schedule keeps its next fire time) and drops the jobs of removed ones. */
    void schedule(Shell shell) throws Exception {
        Metrics metrics = shell.metrics();
        int index = 0;
        for (EvaluationCycle cycle : cycles.values()) {
            ModelConfig m = cycle.model();
            metrics.interval.labelValues(m.name()).set(m.schedule().nominalInterval().toMillis() / 1000.0);
            for (String stage : new String[] {"source", "reference", "internal"}) {
                metrics.evaluationErrors.labelValues(m.name(), stage); // at 0 until one happens
            }
            for (io.driftwatch.source.SkipReason reason : io.driftwatch.source.SkipReason.values()) {
                metrics.recordsSkipped.labelValues(m.name(), reason.label());
            }
            metrics.evaluationsLate.labelValues(m.name());
            metrics.evaluationsMissed.labelValues(m.name());
            if (metrics.lastEvaluation.labelValues(m.name()).get() == 0) {
                metrics.lastEvaluation.labelValues(m.name()).set(shell.clock().instant().toEpochMilli() / 1000.0);
            }
            shell.scheduler().schedule(m.name(), m.schedule(), ModelScheduler.spread(index++, cycles.size(),
                    m.schedule().nominalInterval()), fire -> shell.run().accept(cycle, fire));
        }
        Set<String> tasks = new HashSet<>(cycles.keySet());
        tasks.add(StoreRetention.JOB);
        if (promql != null) {
            PromqlCycle p = promql;
            shell.scheduler().schedule(Driftwatch.PROMQL_JOB, new ScheduleConfig(config.main().prometheus().interval(), null),
                    java.time.Duration.ZERO, () -> shell.runPromql().accept(p));
            tasks.add(Driftwatch.PROMQL_JOB);
        }
        shell.scheduler().retainOnly(tasks);
    }

    /** Reads pod health through the Kubernetes API when some model names its Deployment. */
    private static HealthReader podHealth(DriftwatchConfig main, io.fabric8.kubernetes.client.KubernetesClient kube) {
        if (main.models().stream().noneMatch(m -> m.health().isPresent())) {
            return HealthReader.none();
        }
        io.driftwatch.source.kubernetes.PodHealth pods = new io.driftwatch.source.kubernetes.PodHealth(kube);
        return m -> pods.read(m.health().get().namespace(), m.health().get().deployment());
    }

    /** Stops the receivers' workers and the actions (their queued work is in the store for the next wiring). */
    @Override
    public void close() {
        if (actions != null) {
            actions.close();
        }
        workers.close();
    }
}
