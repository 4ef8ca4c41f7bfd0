package io.driftwatch.cli;

import io.driftwatch.drift.Verdict;
import io.driftwatch.evaluation.Backtest;
import io.driftwatch.evaluation.BacktestReport;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * A backtest's windows as OpenMetrics samples with their timestamps, under the daemon's own metric names
 * ({@code driftwatch_model_verdict}, {@code driftwatch_drifted_features}) plus the firing rule instances, for
 * {@code promtool tsdb create-blocks-from openmetrics}: Prometheus then holds the history and the Grafana
 * dashboards draw it like live data.
 */
final class BacktestMetrics {
    private BacktestMetrics() {
    }

    static String openMetrics(List<BacktestReport> reports) {
        StringBuilder b = new StringBuilder();
        family(b, reports, "driftwatch_model_verdict", "The model's verdict: 0 ok, 1 drift, 2 inconclusive (backtest).",
                p -> Verdict.valueOf(p.verdict()).code());
        family(b, reports, "driftwatch_drifted_features", "Features that drifted in the window (backtest).", p -> p.drifted());
        family(b, reports, "driftwatch_backtest_firing_rules", "Rule instances firing after the window (backtest).",
                p -> p.firing().size());
        return b.append("# EOF\n").toString();
    }

    private static void family(StringBuilder b, List<BacktestReport> reports, String name, String help,
                               ToDoubleFunction<Backtest.Point> value) {
        b.append("# TYPE ").append(name).append(" gauge\n# HELP ").append(name).append(' ').append(help).append('\n');
        for (BacktestReport r : reports) {
            String labels = "{model=\"" + r.model().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
            for (Backtest.Point p : r.timeline()) {
                b.append(name).append(labels).append(' ').append(String.format(Locale.ROOT, "%s %d",
                        number(value.applyAsDouble(p)), p.end().getEpochSecond())).append('\n');
            }
        }
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
