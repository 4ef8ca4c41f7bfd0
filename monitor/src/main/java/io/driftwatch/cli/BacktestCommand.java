package io.driftwatch.cli;

import io.driftwatch.app.Configuration;
import io.driftwatch.app.ConfigurationLoader;
import io.driftwatch.config.ConfigException;
import io.driftwatch.config.Durations;
import io.driftwatch.config.ModelConfig;
import io.driftwatch.config.StoreConfig;
import io.driftwatch.drift.DriftEngine;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.evaluation.Backtest;
import io.driftwatch.evaluation.BacktestReport;
import io.driftwatch.evaluation.Columns;
import io.driftwatch.evaluation.ProfileStore;
import io.driftwatch.evaluation.ReferenceLoader;
import io.driftwatch.rules.RuleEvaluator;
import io.driftwatch.source.SourceException;
import io.driftwatch.source.SourceTypes;
import io.driftwatch.store.Database;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Replays history through the configured evaluation and rules, without notifying: how often would they fire? */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {"Replay the configured sources over a past period, window by window, through the same evaluation "
                + "and rules as the daemon, without notifying anyone: each window's verdict, how often each rule would "
                + "have fired and resolved, alerts per day.",
            "Exit 0 when it ran, 2 on bad input (configuration, times, an unreadable source)."})
public final class BacktestCommand implements Callable<Integer> {
    /** The most windows one run judges (a year of 1-minute windows is about half a million). */
    static final long MAX_WINDOWS = 2_000_000;

    @Option(names = {"-c", "--config"}, required = true, description = "The driftwatch.yaml file.")
    private Path config;

    @Option(names = "--from", required = true, description = "Start of the period (ISO-8601, e.g. 2026-11-01T00:00:00Z).")
    private String from;

    @Option(names = "--to", required = true, description = "End of the period (ISO-8601).")
    private String to;

    @Option(names = "--model", description = "Only this model (default: every model).")
    private String model;

    @Option(names = "--step", description = "Time between window ends (default: each model's schedule interval).")
    private String step;

    @Option(names = "--write", description = "Store each evaluation in the configured store (a backfill the console shows); "
            + "never alerts. The store must not be held by a running daemon on H2.")
    private boolean write;

    @Option(names = "--openmetrics", description = "Also write the windows as OpenMetrics with timestamps, for "
            + "`promtool tsdb create-blocks-from openmetrics FILE DIR`: Prometheus (and Grafana) then show the history.")
    private Path openMetrics;

    @Mixin
    private ReportOptions report;

    @Override
    public Integer call() {
        try {
            Options o = options();
            Configuration c = new ConfigurationLoader(TestRegistry.standard()).load(config);
            List<ModelConfig> models = c.main().models().stream().filter(m -> model == null || m.name().equals(model)).toList();
            if (models.isEmpty()) {
                throw new BadInput("no model named '" + model + "' in " + config);
            }
            if ("html".equals(report.format) && models.size() > 1) {
                throw new BadInput("--format html draws one model: add --model (one of "
                        + models.stream().map(ModelConfig::name).toList() + ")");
            }
            List<BacktestReport> out = new ArrayList<>();
            try (Database db = Database.open(o.write ? c.main().store() : new StoreConfig(
                    "jdbc:h2:mem:backtest-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", ""))) {
                DriftEngine engine = new DriftEngine(TestRegistry.standard(), Columns.policy(c.main().drift()));
                Backtest backtest = new Backtest(db, engine, new RuleEvaluator(c.rules()), new ReferenceLoader(
                        new ProfileStore(db), Clock.systemUTC(), c.main().drift().sketchAbove(), c.main().drift().minSamples(), 4));
                for (ModelConfig m : models) {
                    Duration s = o.step != null ? o.step : m.schedule().nominalInterval();
                    long windows = Duration.between(o.from, o.to).dividedBy(s);
                    if (windows > MAX_WINDOWS) {
                        throw new BadInput(m.name() + ": " + windows + " windows of " + Durations.format(s) + " from --from to --to; "
                                + "at most " + MAX_WINDOWS + " (choose a longer --step or a shorter period)");
                    }
                    out.add(backtest.run(m, SourceTypes.open(m.source()), new Backtest.Options(o.from, o.to, s, write)));
                }
            }
            if (openMetrics != null) {
                ReportOptions.write(openMetrics, BacktestMetrics.openMetrics(out));
            }
            report.emit("backtest", BacktestOutput.render(out, report.format));
            return 0;
        } catch (ConfigException e) {
            ValidateCommand.printErrors(e);
            return 2;
        } catch (BadInput e) {
            System.err.println("driftwatch backtest: " + e.getMessage());
            return 2;
        } catch (SourceException | SQLException e) {
            System.err.println("driftwatch backtest: " + e.getMessage());
            return 2;
        }
    }

    private record Options(Instant from, Instant to, Duration step, boolean write) {
    }

    private Options options() throws BadInput {
        String problem = report.problem();
        if (problem != null) {
            throw new BadInput(problem);
        }
        Instant f = instant("--from", from);
        Instant t = instant("--to", to);
        if (!f.isBefore(t)) {
            throw new BadInput("--to (" + to + ") must be after --from (" + from + ")");
        }
        Duration s = null;
        if (step != null) {
            s = Durations.parse(step).filter(d -> !d.isZero() && !d.isNegative())
                    .orElseThrow(() -> new BadInput("--step must be a duration such as 1m, not '" + step + "'"));
        }
        return new Options(f, t, s, write);
    }

    private static Instant instant(String option, String text) throws BadInput {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadInput(option + " must be an ISO-8601 instant such as 2026-11-01T00:00:00Z, not '" + text + "'");
        }
    }
}
