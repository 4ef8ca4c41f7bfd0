package io.driftwatch.cli;

import io.driftwatch.drift.ColumnResult;
import io.driftwatch.drift.ReportJson;
import io.driftwatch.drift.TestResult;
import io.driftwatch.util.Json;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a drift report as the documented JSON object or as a table for people. Cells that were not
 * numbers in a numeric column are counted apart ({@code unparsable_*}), not as missing values.
 */
final class DriftOutput {
    private static final int SHOWN_CHARS = 60;

    private DriftOutput() {
    }

    static String json(TableDrift.Result result, String mode) {
        Map<String, Object> out = ReportJson.report(result.report());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> columns = (List<Map<String, Object>>) out.get("columns");
        for (Map<String, Object> m : columns) {
            TableDrift.ColumnInput in = result.inputs().get((String) m.get("name"));
            if (in == null) {
                continue;
            }
            if ("numeric".equals(m.get("type"))) {
                m.put("missing_reference", (Long) m.get("missing_reference") - in.reference().count());
                m.put("missing_current", (Long) m.get("missing_current") - in.current().count());
                m.put("unparsable_reference", in.reference().count());
                m.put("unparsable_current", in.current().count());
            }
            if (in.note() != null) {
                m.put("note", in.note());
            }
        }
        out.put("mode", mode);
        Map<String, Object> quality = new java.util.LinkedHashMap<>();
        result.dataQuality().forEach((name, q) -> quality.put(name, q.signals()));
        out.put("data_quality", Map.of("features", quality));
        return Json.write(out);
    }

    /** The self-contained HTML report: the JSON report and each column's distributions, drawn in the page. */
    static String html(TableDrift.Result result, String mode, java.nio.file.Path reference, java.nio.file.Path current) {
        return html(result, mode, reference, current, null);
    }

    /** The same, with a check's verdict and checks shown above the features ({@code checks} may be null). */
    static String html(TableDrift.Result result, String mode, java.nio.file.Path reference, java.nio.file.Path current,
                       Map<String, Object> checks) {
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        if (checks != null) {
            data.put("checks", checks);
        }
        data.put("report", Json.MAPPER.readTree(json(result, mode)));
        data.put("distributions", ReportJson.distributions(result.distributions().get()));
        data.put("meta", Map.of("reference", reference.toString(), "current", current.toString(),
                "generated_at", java.time.Instant.now().toString()));
        return io.driftwatch.view.Shell.page("report", "Drift report", data, io.driftwatch.view.Shell.Mode.INLINE);
    }

    static String table(TableDrift.Result result, String mode) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-24s %-12s %8s %8s %-10s %12s %12s %12s  %s%n", "column", "type",
                "n_ref", "n_cur", "test", "statistic", "p_value", "adj_p", "result"));
        for (ColumnResult c : result.report().columns()) {
            if (c.tests().isEmpty()) {
                b.append(String.format(Locale.ROOT, "%-24s %-12s %8d %8d %-10s %12s %12s %12s  %s%n", c.name(),
                        c.type().label(), c.nReference(), c.nCurrent(), "-", "-", "-", "-", c.reason()));
            }
            for (TestResult t : c.tests()) {
                b.append(String.format(Locale.ROOT, "%-24s %-12s %8d %8d %-10s %12s %12s %12s  %s%n", c.name(),
                        c.type().label(), c.nReference(), c.nCurrent(), t.test(), num(t.statistic()),
                        num(t.pValue()), num(t.adjustedPValue()),
                        t.drift() ? "DRIFT" : c.status().name().toLowerCase(Locale.ROOT)));
            }
            TableDrift.ColumnInput in = result.inputs().get(c.name());
            if (in != null && in.note() != null) {
                b.append(String.format(Locale.ROOT, "%-24s note: %s%n", "", in.note()));
            }
        }
        b.append(String.format(Locale.ROOT, "%nverdict: %s (%d of %d columns drifted; %s mode)",
                result.report().verdict().label(), result.report().driftedColumns(),
                result.report().columns().size(), mode));
        return b.toString();
    }

    /** A cell for a message: at most 60 characters, with the length when cut. */
    static String shortened(String cell) {
        return cell.length() <= SHOWN_CHARS ? cell
                : cell.substring(0, SHOWN_CHARS) + "…(" + cell.length() + " chars)";
    }

    private static String num(Double v) {
        if (v == null) {
            return "-";
        }
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : v.isNaN() ? "undefined" : v > 0 ? "inf" : "-inf";
    }

}
