package io.driftwatch.config;

/** Where each part of a prediction-log record is found. Defaults follow common model-server logging. */
public record FieldMapping(String timestamp, String model, String version, String input,
                           String prediction, String label, String latency, String requestId) {

    public static FieldMapping defaults() {
        return new FieldMapping("@timestamp", "model", "model_version", "input",
                "prediction", "label", "latency_ms", "request_id");
    }

    /** The same mapping reading the prediction from another field. */
    public FieldMapping withPrediction(String field) {
        return new FieldMapping(timestamp, model, version, input, field, label, latency, requestId);
    }
}
