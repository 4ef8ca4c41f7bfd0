package io.driftwatch.drift;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A drift report as JSON-ready maps, one shape for the CLI and the API: snake_case names, lower-case
 * statuses and verdicts, and never a non-finite number: an infinite or undefined statistic is
 * {@code null} with a note saying why. At most {@link #MAX_NEW_CATEGORIES} new categories are listed per
 * column (category texts are at most {@link FieldIssues#MAX_CATEGORY_CHARS} long), so a report's size
 * depends on the configured columns, not on the input.
 */
public final class ReportJson {
    /** New categories listed per column; the total says how many there were. */
    public static final int MAX_NEW_CATEGORIES = 20;

    private ReportJson() {
    }

    /** The columns and the summary: {@code columns}, {@code drifted_columns}, {@code drift}, {@code verdict}. */
    public static Map<String, Object> report(DriftReport r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("columns", columns(r));
        out.put("drifted_columns", r.driftedColumns());
        out.put("drift", r.verdict() == Verdict.DRIFT);
        out.put("verdict", r.verdict().label());
        return out;
    }

    /** Each column's {@link Distribution} as JSON (non-finite numbers as null), keyed by column. */
    public static Map<String, Object> distributions(Map<String, Distribution> all) {
        Map<String, Object> out = new LinkedHashMap<>();
        all.forEach((name, d) -> out.put(name, distribution(d)));
        return out;
    }

    static Map<String, Object> distribution(Distribution d) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (d instanceof Distribution.Numeric n) {
            m.put("type", "numeric");
            m.put("edges", numbers(n.edges()));
            m.put("reference", numbers(n.reference()));
            m.put("current", numbers(n.current()));
            m.put("ecdf", Map.of("p", numbers(n.probabilities()), "reference", numbers(n.referenceQuantiles()),
                    "current", numbers(n.currentQuantiles())));
            Map<String, Object> ks = new LinkedHashMap<>();
            ks.put("x", finiteOrNull(n.ksAt()));
            ks.put("reference", finiteOrNull(n.ksReference()));
            ks.put("current", finiteOrNull(n.ksCurrent()));
            ks.put("d", Math.abs(n.ksReference() - n.ksCurrent()));
            m.put("ks", ks);
        } else if (d instanceof Distribution.Categorical c) {
            m.put("type", "categorical");
            m.put("categories", c.categories());
            m.put("reference", numbers(c.reference()));
            m.put("current", numbers(c.current()));
            List<Boolean> isNew = new ArrayList<>();
            for (boolean b : c.isNew()) {
                isNew.add(b);
            }
            m.put("new", isNew);
        }
        return m;
    }

    private static List<Double> numbers(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(finiteOrNull(v));
        }
        return out;
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    public static List<Map<String, Object>> columns(DriftReport r) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ColumnResult c : r.columns()) {
            out.add(column(c));
        }
        return out;
    }

    public static Map<String, Object> column(ColumnResult c) {
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
            List<String> shown = c.newCategories().stream().sorted().limit(MAX_NEW_CATEGORIES).toList();
            m.put("new_categories", shown);
            if (shown.size() < c.newCategories().size()) {
                m.put("new_categories_total", c.newCategories().size());
            }
        }
        m.put("tests", c.tests().stream().map(ReportJson::test).toList());
        m.put("drift", c.drift());
        return m;
    }

    public static Map<String, Object> test(TestResult t) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        m.put("test", t.test());
        m.put("statistic", finite(t.statistic(), "statistic", notes));
        m.put("p_value", t.pValue() == null ? null : finite(t.pValue(), "p_value", notes));
        if (t.adjustedPValue() != null) {
            m.put("adjusted_p_value", finite(t.adjustedPValue(), "adjusted_p_value", notes));
        }
        if (t.normalizedStatistic() != null) {
            m.put("normalized_statistic", t.normalizedStatistic() == null ? null
                    : finite(t.normalizedStatistic(), "normalized_statistic", notes));
        }
        if (t.note() != null) {
            notes.add(0, t.note());
        }
        if (!notes.isEmpty()) {
            m.put("note", String.join("; ", notes));
        }
        m.put("threshold", t.threshold());
        m.put("drift", t.drift());
        return m;
    }

    /** The value, or null with a note when it is infinite or undefined. */
    private static Double finite(double v, String name, List<String> notes) {
        if (Double.isFinite(v)) {
            return v;
        }
        notes.add(name + " is " + (Double.isNaN(v) ? "undefined" : (v > 0 ? "+" : "-") + "infinite")
                + " (a side holds ±Infinity or has no spread)");
        return null;
    }
}
