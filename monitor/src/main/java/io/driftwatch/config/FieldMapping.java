package io.driftwatch.config;

import java.util.List;

/**
 * Where each part of a prediction-log record is found, and the unit of numeric (epoch) timestamps.
 * Defaults follow common model-server logging. Each field is a path: {@code log_processed.input} reaches
 * into nested objects (a key that itself holds the dots is found too). {@code inputNames} names the
 * positions of an input that is a vector ({@code [5.1, 3.5, 1.4, 0.2]}); without it positions are named
 * {@code 0}, {@code 1}, ...
 */
public record FieldMapping(String timestamp, String model, String version, String input,
                           String prediction, String label, String latency, String requestId, String timestampUnit,
                           List<String> inputNames) {
    /** The units an epoch timestamp may be in, and how many of each make a second. */
    public static final List<String> UNITS = List.of("s", "ms", "us", "ns");

    public FieldMapping {
        inputNames = inputNames == null ? List.of() : List.copyOf(inputNames);
    }

    /** The mapping with epoch timestamps in milliseconds. */
    public FieldMapping(String timestamp, String model, String version, String input, String prediction, String label,
                        String latency, String requestId) {
        this(timestamp, model, version, input, prediction, label, latency, requestId, "ms", List.of());
    }

    public static FieldMapping defaults() {
        return new FieldMapping("@timestamp", "model", "model_version", "input",
                "prediction", "label", "latency_ms", "request_id", "ms", List.of());
    }

    /** The same mapping reading the prediction from another field. */
    public FieldMapping withPrediction(String field) {
        return new FieldMapping(timestamp, model, version, input, field, label, latency, requestId, timestampUnit, inputNames);
    }

    /** Whether every field is a plain top-level key of the default shape's kind (the fast reader's case). */
    public boolean flat() {
        return inputNames.isEmpty() && List.of(timestamp, model, version, input, prediction, label, latency, requestId)
                .stream().noneMatch(f -> f.indexOf('.') >= 0);
    }
}
