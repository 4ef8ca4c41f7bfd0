package io.driftwatch.evaluation;

import io.driftwatch.source.SkipReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a backtest found: the verdict of every window, how many times each rule would have fired and
 * resolved, the alerts (firing events) per UTC day, and what was read. {@link #json()} is its one shape.
 */
public record BacktestReport(String model, Instant from, Instant to, Duration step, Duration window,
                             List<Backtest.Point> timeline, Map<String, Backtest.RuleCount> rules,
                             Map<String, Integer> alertsPerDay, long records, long late, Map<SkipReason, Long> skipped,
                             double seconds) {
    public BacktestReport {
        timeline = List.copyOf(timeline);
        rules = java.util.Collections.unmodifiableMap(new TreeMap<>(rules));
        alertsPerDay = java.util.Collections.unmodifiableMap(new TreeMap<>(alertsPerDay));
        skipped = Map.copyOf(skipped);
    }

    /** Windows by verdict. */
    public Map<String, Integer> verdicts() {
        Map<String, Integer> out = new TreeMap<>();
        timeline.forEach(p -> out.merge(p.verdict().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum));
        return out;
    }

    /** Records read per second of the whole run. */
    public double recordsPerSecond() {
        return seconds > 0 ? records / seconds : 0;
    }

    public Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", model);
        out.put("from", from.toString());
        out.put("to", to.toString());
        out.put("step", io.driftwatch.config.Durations.format(step));
        out.put("window", io.driftwatch.config.Durations.format(window));
        out.put("windows", timeline.size());
        out.put("verdicts", verdicts());
        Map<String, Object> rs = new LinkedHashMap<>();
        rules.forEach((name, c) -> rs.put(name, Map.of("fired", c.fired(), "resolved", c.resolved())));
        out.put("rules", rs);
        out.put("alerts_per_day", alertsPerDay);
        out.put("records", records);
        out.put("late_records", late);
        Map<String, Long> skips = new TreeMap<>();
        skipped.forEach((k, v) -> skips.put(k.label(), v));
        out.put("skipped", skips);
        out.put("seconds", Math.round(seconds * 1000) / 1000.0);
        out.put("records_per_second", Math.round(recordsPerSecond()));
        List<Map<String, Object>> points = new ArrayList<>();
        for (Backtest.Point p : timeline) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("end", p.end().toString());
            m.put("verdict", p.verdict().toLowerCase(java.util.Locale.ROOT));
            m.put("records", p.records());
            m.put("drifted", p.drifted());
            m.put("firing", p.firing());
            points.add(m);
        }
        out.put("timeline", points);
        return out;
    }
}
