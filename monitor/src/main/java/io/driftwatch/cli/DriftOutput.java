package io.driftwatch.cli;

import io.driftwatch.drift.ColumnResult;
import io.driftwatch.drift.DriftReport;
import io.driftwatch.drift.TestResult;
import io.driftwatch.drift.Verdict;
import io.driftwatch.util.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a drift report as the documented JSON object or as a table for people. */
final class DriftOutput {
    private DriftOutput() {
    }

    static String json(DriftReport r, String mode) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Map<String, Object>> columns = new ArrayList<>();
        for (ColumnResult c : r.columns()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("type", c.type().label());
            m.put("n_reference", c.nReference());
            m.put("n_current", c.nCurrent());
            m.put("missing_reference", c.missingReference());
            m.put("missing_current", c.missingCurrent());
            m.put("status", c.status().name().toLowerCase(Locale.ROOT));
            if (c.reason() != null) {
                m.put("reason", c.reason());
            }
            if (!c.newCategories().isEmpty()) {
                m.put("new_categories", c.newCategories());
            }
            m.put("tests", c.tests().stream().map(DriftOutput::test).toList());
            m.put("drift", c.drift());
            columns.add(m);
        }
        out.put("columns", columns);
        out.put("drifted_columns", r.driftedColumns());
        out.put("drift", r.verdict() == Verdict.DRIFT);
        out.put("verdict", r.verdict().label());
        out.put("mode", mode);
        return Json.write(out);
    }

    private static Map<String, Object> test(TestResult t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("test", t.test());
        m.put("statistic", t.statistic());
        m.put("p_value", t.pValue());
        if (t.adjustedPValue() != null) {
            m.put("adjusted_p_value", t.adjustedPValue());
        }
        if ("wasserstein".equals(t.test())) {
            m.put("normalized_statistic", t.normalizedStatistic());
        }
        if (t.note() != null) {
            m.put("note", t.note());
        }
        m.put("threshold", t.threshold());
        m.put("drift", t.drift());
        return m;
    }

    static String table(DriftReport r, String mode) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-24s %-12s %8s %8s %-10s %12s %12s %12s  %s%n", "column", "type",
                "n_ref", "n_cur", "test", "statistic", "p_value", "adj_p", "result"));
        for (ColumnResult c : r.columns()) {
            if (c.tests().isEmpty()) {
                b.append(String.format(Locale.ROOT, "%-24s %-12s %8d %8d %-10s %12s %12s %12s  %s%n", c.name(),
                        c.type().label(), c.nReference(), c.nCurrent(), "-", "-", "-", "-", c.reason()));
            }
            for (TestResult t : c.tests()) {
                b.append(String.format(Locale.ROOT, "%-24s %-12s %8d %8d %-10s %12.6g %12s %12s  %s%n", c.name(),
                        c.type().label(), c.nReference(), c.nCurrent(), t.test(), t.statistic(), num(t.pValue()),
                        num(t.adjustedPValue()), t.drift() ? "DRIFT" : c.status().name().toLowerCase(Locale.ROOT)));
            }
        }
        b.append(String.format(Locale.ROOT, "%nverdict: %s (%d of %d columns drifted; %s mode)", r.verdict().label(),
                r.driftedColumns(), r.columns().size(), mode));
        return b.toString();
    }

    private static String num(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.4g", v);
    }
}
