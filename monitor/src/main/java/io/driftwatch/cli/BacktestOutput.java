package io.driftwatch.cli;

import io.driftwatch.evaluation.Backtest;
import io.driftwatch.evaluation.BacktestReport;
import io.driftwatch.util.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A backtest as a table, JSON, or a self-contained HTML page per model. */
final class BacktestOutput {
    private BacktestOutput() {
    }

    static String render(List<BacktestReport> reports, String format) {
        return switch (format) {
            case "json" -> Json.write(reports.size() == 1 ? reports.get(0).json() : reports.stream().map(BacktestReport::json).toList());
            case "html" -> html(reports.get(0));
            default -> String.join("\n", reports.stream().map(BacktestOutput::table).toList());
        };
    }

    static String html(BacktestReport r) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("backtest", r.json());
        data.put("generated_at", java.time.Instant.now().toString());
        return io.driftwatch.view.Shell.page("backtest", "Backtest of " + r.model(), data, io.driftwatch.view.Shell.Mode.INLINE);
    }

    static String table(BacktestReport r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "backtest of %s from %s to %s: a %s window every %s, %d windows%n", r.model(),
                r.from(), r.to(), io.driftwatch.config.Durations.format(r.window()),
                io.driftwatch.config.Durations.format(r.step()), r.timeline().size()));
        b.append("verdicts: ");
        List<String> vs = new ArrayList<>();
        r.verdicts().forEach((v, n) -> vs.add(v + " " + n));
        b.append(String.join(", ", vs)).append('\n');
        b.append(String.format(Locale.ROOT, "records: %,d read (%,d late, %,d lines skipped) in %.1f s: %,.0f records/s%n",
                r.records(), r.late(), r.skipped().values().stream().mapToLong(Long::longValue).sum(), r.seconds(),
                r.recordsPerSecond()));
        b.append(String.format(Locale.ROOT, "%n%-32s %8s %9s%n", "RULE", "FIRED", "RESOLVED"));
        r.rules().forEach((name, c) -> b.append(String.format(Locale.ROOT, "%-32s %8d %9d%n", name, c.fired(), c.resolved())));
        b.append(String.format(Locale.ROOT, "%n%-12s %7s%n", "DAY", "ALERTS"));
        r.alertsPerDay().forEach((day, n) -> b.append(String.format(Locale.ROOT, "%-12s %7d%n", day, n)));
        if (r.alertsPerDay().isEmpty()) {
            b.append("(no alert would have fired)\n");
        }
        b.append(String.format(Locale.ROOT, "%n%-21s %-21s %-13s %8s%n", "FROM (WINDOW END)", "TO", "VERDICT", "WINDOWS"));
        runs(r.timeline()).forEach(run -> b.append(run).append('\n'));
        return b.toString();
    }

    /** Runs of windows with the same verdict, one line each. */
    private static List<String> runs(List<Backtest.Point> timeline) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < timeline.size()) {
            int j = i;
            while (j + 1 < timeline.size() && timeline.get(j + 1).verdict().equals(timeline.get(i).verdict())) {
                j++;
            }
            out.add(String.format(Locale.ROOT, "%-21s %-21s %-13s %8d", timeline.get(i).end(), timeline.get(j).end(),
                    timeline.get(i).verdict().toLowerCase(Locale.ROOT), j - i + 1));
            i = j + 1;
        }
        return out;
    }
}
