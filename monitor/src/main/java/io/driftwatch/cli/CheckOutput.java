package io.driftwatch.cli;

import io.driftwatch.util.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A check's result as a table, as JSON (with the drift report), or as the HTML report with its checks. */
final class CheckOutput {
    private CheckOutput() {
    }

    static String table(CheckResult r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-10s %-40s %-13s %s%n", "GROUP", "CHECK", "OUTCOME", "WHY"));
        for (CheckResult.Check c : r.checks()) {
            b.append(String.format(Locale.ROOT, "%-10s %-40s %-13s %s%n", c.group(), DriftOutput.shortened(c.name()),
                    c.outcome().label(), c.message()));
        }
        long failed = r.checks().stream().filter(c -> c.outcome() == CheckResult.Verdict.FAIL).count();
        long open = r.checks().stream().filter(c -> c.outcome() == CheckResult.Verdict.INCONCLUSIVE).count();
        b.append(String.format(Locale.ROOT, "%s: %d check(s), %d failed, %d inconclusive (%s)", r.verdict().label()
                .toUpperCase(Locale.ROOT), r.checks().size(), failed, open,
                r.policy() == null ? "policy: no drifted feature" : "policy: " + r.policy()));
        return b.toString();
    }

    static Map<String, Object> map(CheckResult r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("verdict", r.verdict().label());
        out.put("policy", r.policy());
        List<Map<String, Object>> checks = new ArrayList<>();
        for (CheckResult.Check c : r.checks()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("group", c.group());
            m.put("name", c.name());
            m.put("outcome", c.outcome().label());
            m.put("value", c.value() == null || !Double.isFinite(c.value()) ? null : c.value());
            m.put("threshold", c.threshold());
            m.put("message", c.message());
            checks.add(m);
        }
        out.put("checks", checks);
        return out;
    }

    static String json(CheckResult r, TableDrift.Result result, String mode) {
        Map<String, Object> out = map(r);
        out.put("report", Json.MAPPER.readTree(DriftOutput.json(result, mode)));
        return Json.write(out);
    }

    static String html(CheckResult r, TableDrift.Result result, String mode, Path reference, Path current) {
        return DriftOutput.html(result, mode, reference, current, map(r));
    }
}
