package io.driftwatch.evaluation;

import io.driftwatch.drift.DriftReport;
import io.driftwatch.drift.ReportJson;
import io.driftwatch.quality.QualityReport;
import io.driftwatch.util.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything one evaluation found, as stored and served by the API: the model's drift report, how the
 * window was read, model quality, serving health, per-segment reports, a version comparison, and the
 * values left out or cut per column, and the model-level signals (data quality, multivariate drift,
 * estimated performance) by section name. {@link #json()} is its one JSON shape (snake_case, lower-case
 * values, as the CLI's).
 */
public record EvaluationReport(DriftReport drift, boolean pushdown, QualityReport quality, Map<String, Double> health,
                               Map<String, DriftReport> segments, VersionComparison.Result comparison,
                               Map<String, FieldIssues.Count> fieldIssues, Map<String, Object> signals) {
    public EvaluationReport {
        health = Map.copyOf(health);
        segments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(segments));
        fieldIssues = Map.copyOf(fieldIssues);
        signals = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(signals));
    }

    /** The report of an evaluation that could not read its window: no columns, inconclusive. */
    public static final String FAILED_JSON = "{\"columns\":[],\"verdict\":\"inconclusive\"}";

    public String json() {
        Map<String, Object> out = new LinkedHashMap<>(ReportJson.report(drift));
        out.put("mode", pushdown ? "pushdown" : "pull");
        if (!fieldIssues.isEmpty()) {
            Map<String, Object> issues = new LinkedHashMap<>();
            fieldIssues.forEach((f, c) -> issues.put(f, Map.of("bad_field_type", c.badType(), "truncated",
                    c.truncated(), "example", c.example() == null ? "" : c.example())));
            out.put("field_issues", issues);
        }
        out.putAll(signals);
        out.put("quality", Map.of("task", quality.task(), "labelled", quality.labelled(), "metrics", quality.metrics()));
        if (!health.isEmpty()) {
            out.put("health", health);
        }
        if (!segments.isEmpty()) {
            Map<String, Object> bySegment = new LinkedHashMap<>();
            segments.forEach((value, r) -> bySegment.put(value, ReportJson.report(r)));
            out.put("segments", bySegment);
        }
        if (comparison != null) {
            out.put("comparison", Map.of("label", comparison.label(), "metrics", comparison.metrics(),
                    "drift", ReportJson.report(comparison.drift())));
        }
        return Json.write(out);
    }
}
