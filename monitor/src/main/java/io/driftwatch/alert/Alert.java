package io.driftwatch.alert;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One alert, in Alertmanager's terms: labels identify it (alertname, model, feature, severity and the
 * rule's own labels), annotations describe it, and the fingerprint is a stable hash of the labels.
 */
public record Alert(String fingerprint, Map<String, String> labels, Map<String, String> annotations,
                    AlertStatus status, Instant startsAt, Instant endsAt, Double value, String generatorUrl) {
    public Alert {
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
        annotations = java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
    }

    public String label(String name) {
        return labels.getOrDefault(name, "");
    }

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final int SEPARATOR = 0xff;

    /**
     * The label set's fingerprint as Alertmanager and Prometheus compute it ({@code model.LabelSet.Fingerprint}):
     * FNV-1a 64 over the names in byte order, each name's and value's UTF-8 bytes followed by the byte 255
     * (which never occurs in UTF-8), printed as 16 hex digits. So both tools name an alert alike. A label
     * with an empty value is no label (Prometheus' rule; Alertmanager drops it when an alert is posted).
     */
    public static String fingerprint(Map<String, String> labels) {
        long h = FNV_OFFSET;
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            if (e.getValue() == null || e.getValue().isEmpty()) {
                continue;
            }
            h = add(h, e.getKey());
            h = add(h, e.getValue());
        }
        return String.format("%016x", h);
    }

    private static long add(long h, String s) {
        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * FNV_PRIME;
        }
        return (h ^ SEPARATOR) * FNV_PRIME;
    }
}
