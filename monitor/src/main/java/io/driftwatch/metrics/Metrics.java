package io.driftwatch.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Everything Driftwatch exports. Label values come only from bounded sets: configured model, feature,
 * test and receiver names, and fixed enums (verdict, skip reason, status).
 */
public final class Metrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();

    public final Counter evaluations = Counter.builder().name("driftwatch_evaluations_total")
            .help("Model evaluations completed, by verdict (ok, drift, inconclusive).")
            .labelNames("model", "verdict").register(registry);
    public final Counter evaluationErrors = Counter.builder().name("driftwatch_evaluation_errors_total")
            .help("Evaluations that could not finish, by stage (source, reference, internal).")
            .labelNames("model", "stage").register(registry);
    public final Histogram evaluationDuration = Histogram.builder().name("driftwatch_evaluation_duration_seconds")
            .help("Wall time of one model evaluation.").classicOnly()
            .classicUpperBounds(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)
            .labelNames("model").register(registry);
    public final Gauge lastEvaluation = Gauge.builder().name("driftwatch_last_evaluation_timestamp_seconds")
            .help("Unix time of the model's last completed evaluation (the daemon's start until its first one).")
            .labelNames("model").register(registry);
    public final Counter evaluationsLate = Counter.builder().name("driftwatch_evaluations_late_total")
            .help("Evaluations that started more than 5 s after they were due.").labelNames("model").register(registry);
    public final Counter evaluationsMissed = Counter.builder().name("driftwatch_evaluations_missed_total")
            .help("Whole intervals an evaluation started too late to cover (its windows were not evaluated on time).")
            .labelNames("model").register(registry);
    public final Counter evaluationsSuperseded = Counter.builder().name("driftwatch_evaluations_superseded_total")
            .help("Evaluations not committed because another replica committed the model's rule states first.")
            .labelNames("model").register(registry);
    public final Gauge clusterMembers = Gauge.builder().name("driftwatch_cluster_members")
            .help("Replicas the cluster's scheduler sees checking in (1 on an embedded H2 store).").register(registry);
    public final Gauge clusterLastRunner = Gauge.builder().name("driftwatch_cluster_model_last_runner")
            .help("1 for the replica that committed the model's last evaluation, as this replica reads the store.")
            .labelNames("model", "replica").register(registry);
    public final Counter storePruned = Counter.builder().name("driftwatch_store_pruned_rows_total")
            .help("Rows removed from the store by retention, by table.").labelNames("table").register(registry);
    public final Counter gateCalls = Counter.builder().name("driftwatch_gate_calls_total")
            .help("Gate calls (/api/v1/gate) by model and verdict (pass, fail, inconclusive, error).")
            .labelNames("model", "verdict").register(registry);
    public final Gauge interval = Gauge.builder().name("driftwatch_model_evaluation_interval_seconds")
            .help("The model's nominal time between evaluations (for staleness alerts).").labelNames("model")
            .register(registry);
    public final Gauge verdict = Gauge.builder().name("driftwatch_model_verdict")
            .help("The model's last verdict: 0 ok, 1 drift, 2 inconclusive.").labelNames("model").register(registry);
    public final Gauge driftedFeatures = Gauge.builder().name("driftwatch_drifted_features")
            .help("Features that drifted in the model's last evaluation.").labelNames("model").register(registry);
    public final Gauge statistic = Gauge.builder().name("driftwatch_drift_statistic")
            .help("The last drift statistic per model, version, feature and test.")
            .labelNames("model", "version", "feature", "test").register(registry);
    public final Gauge pValue = Gauge.builder().name("driftwatch_drift_p_value")
            .help("The last raw p-value per model, version, feature and test (p-value tests only).")
            .labelNames("model", "version", "feature", "test").register(registry);
    public final Gauge modelInfo = Gauge.builder().name("driftwatch_model_info")
            .help("1 for the model version seen in the last evaluation.").labelNames("model", "version").register(registry);
    public final Gauge quality = Gauge.builder().name("driftwatch_model_quality")
            .help("Model quality over the window's labelled records (accuracy, precision, recall, f1, roc_auc, mae, rmse).")
            .labelNames("model", "version", "metric").register(registry);
    public final Gauge segmentDrifted = Gauge.builder().name("driftwatch_segment_drifted_features")
            .help("Drifted features per segment of the model's last window (top segments and other).")
            .labelNames("model", "segment").register(registry);
    public final Gauge comparison = Gauge.builder().name("driftwatch_version_comparison")
            .help("Comparison of two versions over the last window: pairs, agreement, mean_abs_diff, prediction drift.")
            .labelNames("model", "comparison", "metric").register(registry);
    public final Gauge labelled = Gauge.builder().name("driftwatch_labelled_records")
            .help("Records with a ground-truth label in the model's last window.").labelNames("model", "version")
            .register(registry);
    public final Gauge predictionQuantile = Gauge.builder().name("driftwatch_prediction_quantile")
            .help("Quantiles of a numeric prediction in the last window.").labelNames("model", "version", "q")
            .register(registry);
    public final Gauge predictionShare = Gauge.builder().name("driftwatch_prediction_share")
            .help("Share of each predicted class in the last window (the 20 most frequent).")
            .labelNames("model", "version", "class").register(registry);
    public final Counter recordsRead = Counter.builder().name("driftwatch_records_read_total")
            .help("Prediction records read into evaluation windows.").labelNames("model").register(registry);
    public final Counter recordsSkipped = Counter.builder().name("driftwatch_records_skipped_total")
            .help("Log lines skipped, by reason.").labelNames("model", "reason").register(registry);
    public final Counter fieldsSkipped = Counter.builder().name("driftwatch_fields_skipped_total")
            .help("Field values left out (bad_field_type) or shortened (truncated), by model, feature and reason.")
            .labelNames("model", "feature", "reason").register(registry);
    public final Counter alerts = Counter.builder().name("driftwatch_alerts_total")
            .help("Alert events raised, by status (firing, resolved).").labelNames("model", "status").register(registry);
    public final Gauge ruleInstances = Gauge.builder().name("driftwatch_rule_instances")
            .help("Rule instances by state (inactive, pending, firing, resolved).").labelNames("state").register(registry);
    public final Counter notifications = Counter.builder().name("driftwatch_notifications_total")
            .help("Notification attempts, by receiver and result (sent, failed).")
            .labelNames("receiver", "result").register(registry);
    public final Counter deadLetters = Counter.builder().name("driftwatch_notifications_dead_letter_total")
            .help("Notifications given up on and moved to the dead letters, by receiver.")
            .labelNames("receiver").register(registry);
    public final Gauge outboxPending = Gauge.builder().name("driftwatch_outbox_pending")
            .help("Notifications waiting in the outbox, by receiver.").labelNames("receiver").register(registry);
    public final Gauge modelHealth = Gauge.builder().name("driftwatch_model_health")
            .help("Serving health of a model's Deployment: restarts, crash_looping, ready, desired, ready_ratio, pods.")
            .labelNames("model", "signal").register(registry);
    public final Gauge dataQuality = Gauge.builder().name("driftwatch_data_quality")
            .help("Data quality of the model's last window: per feature missing_share, unparsable_share, out_of_range_share, "
                    + "new_category_share; per model (feature \"\") missing_features, unexpected_keys.")
            .labelNames("model", "feature", "signal").register(registry);
    public final Gauge multivariate = Gauge.builder().name("driftwatch_multivariate_drift")
            .help("Multivariate drift of the model's last window by PCA reconstruction: reconstruction_error, "
                    + "reference_error, z (standard errors above the reference), components.")
            .labelNames("model", "signal").register(registry);
    public final Gauge estimated = Gauge.builder().name("driftwatch_estimated_performance")
            .help("Performance estimated without labels (CBPE) over the model's last window: estimate, lower and upper "
                    + "bound of its band, and the realized value where the window had labels.")
            .labelNames("model", "metric", "bound").register(registry);
    public final Gauge sourceUp = Gauge.builder().name("driftwatch_source_up")
            .help("Whether the source answered its last query (1) or not (0).").labelNames("source").register(registry);
    public final Counter ruleErrors = Counter.builder().name("driftwatch_rule_errors_total")
            .help("Rule evaluations whose query the source rejected, by rule.").labelNames("rule").register(registry);
    public final Counter actions = Counter.builder().name("driftwatch_actions_total")
            .help("Actions decided, by type and result.").labelNames("type", "result").register(registry);
    public final Counter apiRequests = Counter.builder().name("driftwatch_http_requests_total")
            .help("HTTP requests, by endpoint and status code.").labelNames("endpoint", "code").register(registry);
    public final Gauge configReloadSuccessful = Gauge.builder().name("driftwatch_config_last_reload_successful")
            .help("Whether the last configuration reload attempt was successful (1) or not (0).").register(registry);
    public final Gauge configReloadSuccessTime = Gauge.builder()
            .name("driftwatch_config_last_reload_success_timestamp_seconds")
            .help("Timestamp of the last successful configuration reload (or of the start).").register(registry);
    public final Counter ingestEvents = Counter.builder().name("driftwatch_ingest_events_total")
            .help("Events posted to the ingest endpoint, by result: stored, or the reason they were refused.")
            .labelNames("result").register(registry);
    public final Gauge ingestQueued = Gauge.builder().name("driftwatch_ingest_queue_events")
            .help("Posts to the ingest endpoint waiting for their commit.").register(registry);

    public Metrics() {
        JvmMetrics.builder().register(registry);
        for (String type : new String[] {"rollback", "retrain"}) {
            for (String result : new String[] {"taken", "skipped", "dry_run", "failed"}) {
                actions.labelValues(type, result); // present at 0 from the start, so rates and panels have data
            }
        }
    }

    public PrometheusRegistry registry() {
        return registry;
    }
}
