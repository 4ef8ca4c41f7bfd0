package io.driftwatch.evaluation;

import io.driftwatch.alert.AlertFactory;
import io.driftwatch.alert.outbox.AlertSink;
import io.driftwatch.alert.outbox.Outbox;
import io.driftwatch.alert.outbox.OutboxStore;
import io.driftwatch.app.Configuration;
import io.driftwatch.app.ConfigurationLoader;
import io.driftwatch.config.StoreConfig;
import io.driftwatch.drift.DriftEngine;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.metrics.Metrics;
import io.driftwatch.metrics.ModelPublisher;
import io.driftwatch.rules.RuleEvaluator;
import io.driftwatch.source.SourceTypes;
import io.driftwatch.store.Database;
import java.nio.file.Path;
import java.time.Clock;

/** The evaluation stage of a configuration's first model on its own: an H2 store, metrics, no daemon. */
final class CycleHarness implements AutoCloseable {
    final Database db;
    final Metrics metrics = new Metrics();
    final OutboxStore outbox;
    final SourceHealth health;
    final EvaluationCycle cycle;

    CycleHarness(Path dir, Path config, Clock clock) throws Exception {
        Configuration c = new ConfigurationLoader(TestRegistry.standard()).load(config);
        db = Database.open(new StoreConfig("jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE", "sa", ""));
        outbox = new OutboxStore(db);
        AlertSink sink = new AlertSink(db, new Outbox(c.routing(), outbox, metrics, clock));
        AlertFactory alerts = new AlertFactory("http://dw");
        health = new SourceHealth(db, alerts, sink, metrics, clock);
        EvaluationCycle.Deps deps = new EvaluationCycle.Deps(db,
                new ReferenceLoader(new ProfileStore(db), clock, 2_000_000, 100),
                new DriftEngine(TestRegistry.standard(), Columns.policy(c.main().drift())), new RuleEvaluator(c.rules()),
                alerts, sink, metrics, new ModelPublisher(metrics), health, clock, ActionTrigger.none(), null,
                new ModelCursors(db, "test"));
        var model = c.main().models().get(0);
        cycle = new EvaluationCycle(model, SourceTypes.open(model.source()), deps);
    }

    @Override
    public void close() {
        db.close();
    }
}
