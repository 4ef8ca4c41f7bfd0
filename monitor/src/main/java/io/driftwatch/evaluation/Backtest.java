package io.driftwatch.evaluation;

import io.driftwatch.config.ModelConfig;
import io.driftwatch.drift.DriftEngine;
import io.driftwatch.rules.AlertState;
import io.driftwatch.rules.RuleEvaluator;
import io.driftwatch.rules.RuleEvent;
import io.driftwatch.rules.RuleState;
import io.driftwatch.source.PredictionRecord;
import io.driftwatch.source.PredictionSource;
import io.driftwatch.source.SkipReason;
import io.driftwatch.source.SourceException;
import io.driftwatch.source.TimeRange;
import io.driftwatch.store.Database;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replays a model's history window by window through the same evaluation and rules as the daemon, without
 * notifying anyone: windows end every {@code step} from {@code from + step} to {@code to}, each covering
 * the model's window before its end. History is read in one pass in time order ({@link PredictionSource#replay});
 * a buffer keeps the records of the current window only. A record older than a window already judged
 * (out of order by more than the step) is counted as late and left out. With {@code write}, each
 * evaluation is stored (a backfill: the console shows it), never an alert or a notification.
 */
public final class Backtest {
    private final Database db;
    private final DriftEngine engine;
    private final RuleEvaluator rules;
    private final ReferenceLoader references;

    public Backtest(Database db, DriftEngine engine, RuleEvaluator rules, ReferenceLoader references) {
        this.db = db;
        this.engine = engine;
        this.rules = rules;
        this.references = references;
    }

    /** The span replayed and how. */
    public record Options(Instant from, Instant to, Duration step, boolean write) {
    }

    /** One window: its end, verdict, records, drifted features, and the rule instances firing after it. */
    public record Point(Instant end, String verdict, long records, int drifted, List<String> firing) {
    }

    /** How often a rule would have fired and resolved. */
    public record RuleCount(int fired, int resolved) {
    }

    public BacktestReport run(ModelConfig model, PredictionSource source, Options o) throws SourceException, SQLException {
        long started = System.nanoTime();
        Replayer r = new Replayer(model, source, o);
        Map<SkipReason, Long> skipped;
        try {
            skipped = source.replay(new TimeRange(o.from().plus(o.step()).minus(model.window()), o.to()), r::accept);
            r.finish();
        } catch (Failed e) {
            if (e.getCause() instanceof SQLException s) {
                throw s;
            }
            throw (SourceException) e.getCause();
        }
        return new BacktestReport(model.name(), o.from(), o.to(), o.step(), model.window(), r.timeline, r.counts,
                r.perDay, r.records, r.late, skipped, (System.nanoTime() - started) / 1e9);
    }

    /** A checked failure inside the replay's callback. */
    private static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failed(Exception cause) {
            super(cause);
        }
    }

    /** The windowing: records arrive in time order; each window end reached is judged. */
    private final class Replayer {
        private final ModelConfig model;
        private final PredictionSource source;
        private final Options o;
        private final WindowAnalysis analysis;
        private final ArrayDeque<PredictionRecord> buffer = new ArrayDeque<>();
        private final EvaluationStore store = new EvaluationStore(db);
        private final Map<String, RuleState> states = new HashMap<>();
        final List<Point> timeline = new ArrayList<>();
        final Map<String, RuleCount> counts = new TreeMap<>();
        final Map<String, Integer> perDay = new TreeMap<>();
        long records;
        long late;
        private Instant nextEnd;
        private Instant lastJudged;

        Replayer(ModelConfig model, PredictionSource source, Options o) {
            this.model = model;
            this.source = source;
            this.o = o;
            this.analysis = new WindowAnalysis(model, engine, new ModelSignals(model, source));
            this.nextEnd = o.from().plus(o.step());
            rules.rules().stream().filter(x -> !x.isPromql() && x.appliesToModel(model.name()))
                    .forEach(x -> counts.put(x.name(), new RuleCount(0, 0)));
        }

        void accept(PredictionRecord rec) {
            records++;
            while (!nextEnd.isAfter(o.to()) && !rec.timestamp().isBefore(nextEnd)) {
                judge();
            }
            if (lastJudged != null && rec.timestamp().isBefore(lastJudged)) {
                late++;
            }
            if (!rec.timestamp().isBefore(nextEnd.minus(model.window()))) {
                buffer.addLast(rec);
            }
        }

        void finish() {
            while (!nextEnd.isAfter(o.to())) {
                judge();
            }
        }

        private void judge() {
            Instant end = nextEnd;
            Instant start = end.minus(model.window());
            while (!buffer.isEmpty() && buffer.peekFirst().timestamp().isBefore(start)) {
                buffer.removeFirst();
            }
            List<PredictionRecord> in = List.copyOf(buffer); // every buffered record is before this end
            TimeRange range = new TimeRange(start, end);
            try {
                Window w = WindowReader.of(model, in, Map.of(), v -> references.profile(model, source, v, range));
                WindowAnalysis.Results results = analysis.analyze(w, range, Map.of(), o.write());
                RuleEvaluator.Outcome outcome = rules.evaluate(model.name(), w.version(), results.scoped(), states, end);
                outcome.states().forEach(s -> states.put(RuleEvaluator.key(s.rule(), s.model(), s.instance()), s));
                count(outcome.events(), end);
                timeline.add(new Point(end, results.report().verdict().name(), in.size(),
                        (int) results.report().driftedColumns(), firing()));
                if (o.write()) {
                    store(w, range, results);
                }
            } catch (SQLException e) {
                throw new Failed(e);
            } catch (ReferenceLoader.ReferenceException e) {
                timeline.add(new Point(end, "INCONCLUSIVE", in.size(), 0, firing()));
            }
            lastJudged = end;
            nextEnd = end.plus(o.step());
        }

        private void count(List<RuleEvent> events, Instant end) {
            for (RuleEvent e : events) {
                RuleCount c = counts.getOrDefault(e.rule().name(), new RuleCount(0, 0));
                counts.put(e.rule().name(), e.firing() ? new RuleCount(c.fired() + 1, c.resolved())
                        : new RuleCount(c.fired(), c.resolved() + 1));
                if (e.firing()) {
                    perDay.merge(end.minusNanos(1).toString().substring(0, 10), 1, Integer::sum);
                }
            }
        }

        private List<String> firing() {
            return states.values().stream().filter(s -> s.state() == AlertState.FIRING)
                    .map(s -> s.rule() + (s.instance().text().isEmpty() ? "" : " " + s.instance().text())).sorted().toList();
        }

        private void store(Window w, TimeRange range, WindowAnalysis.Results results) throws SQLException {
            EvaluationRow row = new EvaluationRow(0, model.name(), w.version(), range.to(), range.to(), range.from(),
                    range.to(), results.report().verdict().name(), (int) w.documents(), 0,
                    (int) results.report().driftedColumns(), null, results.json());
            db.inTransaction(c -> {
                long id = store.insert(c, row);
                store.insertDetail(c, id, model.name(), results.detail());
                return null;
            });
        }
    }
}
