package io.driftwatch.config;

import java.util.List;

/**
 * Where each part of a prediction-log record is found, and the unit of numeric (epoch) timestamps.
 * Defaults follow common model-server logging.
 */
public record FieldMapping(String timestamp, String model, String version, String input,
                           String prediction, String label, String latency, String requestId, String timestampUnit) {
    /** The units an epoch timestamp may be in, and how many of each make a second. */
    public static final List<String> UNITS = List.of("s", "ms", "us", "ns");

    /** The mapping with epoch timestamps in milliseconds. */
    public FieldMapping(String timestamp, String model, String version, String input, String prediction, String label,
                        String latency, String requestId) {
        this(timestamp, model, version, input, prediction, label, latency, requestId, "ms");
    }

    public static FieldMapping defaults() {
        return new FieldMapping("@timestamp", "model", "model_version", "input",
                "prediction", "label", "latency_ms", "request_id", "ms");
    }

    /** The same mapping reading the prediction from another field. */
    public FieldMapping withPrediction(String field) {
        return new FieldMapping(timestamp, model, version, input, field, label, latency, requestId, timestampUnit);
    }
}
