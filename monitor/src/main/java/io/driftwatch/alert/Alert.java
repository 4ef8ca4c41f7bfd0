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

    /** A stable hex fingerprint of a label set (FNV-1a 64 over sorted name=value pairs). */
    public static String fingerprint(Map<String, String> labels) {
        long h = 0xcbf29ce484222325L;
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            for (char c : (e.getKey() + "=" + e.getValue() + "\u00ff").toCharArray()) {
                h ^= c;
                h *= 0x100000001b3L;
            }
        }
        return String.format("%016x", h);
    }
}
