package io.driftwatch.app;

import io.driftwatch.evaluation.EvaluationRow;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes a ModelMonitor's status through its status subresource, with the resourceVersion it read as the
 * precondition (optimistic concurrency: a write that lost a race reads again and retries, a few times), so
 * that in a cluster the replica that evaluated writes what it found without undoing another's write.
 */
final class ModelMonitorStatus {
    private static final int ATTEMPTS = 4;

    private ModelMonitorStatus() {
    }

    /** The Ready condition of the resource's current generation. */
    static void ready(KubernetesClient kube, GenericKubernetesResource r, boolean ok, String reason, String message,
                      Clock clock) {
        Long generation = r.getMetadata().getGeneration();
        update(kube, r.getMetadata().getNamespace(), r.getMetadata().getName(), status -> {
            status.put("observedGeneration", generation);
            condition(status, "Ready", ok, reason, message, generation, clock.instant());
        });
    }

    /** The last evaluation: verdict, drifted features, time, firing alerts, and the Drift condition. */
    static void evaluated(KubernetesClient kube, String ns, String name, EvaluationRow row, List<String> firing) {
        update(kube, ns, name, status -> {
            status.put("model", row.model());
            status.put("verdict", row.verdict());
            status.put("drifted", row.drifted());
            status.put("driftedFeatures", driftedFeatures(row.report()));
            status.put("lastEvaluation", row.finishedAt().toString());
            status.put("firingAlerts", firing);
            Object generation = status.get("observedGeneration");
            condition(status, "Drift", "DRIFT".equals(row.verdict()), row.verdict(), row.drifted() + " drifted feature(s)",
                    generation instanceof Number n ? n.longValue() : null, row.finishedAt());
        });
    }

    private static List<String> driftedFeatures(String report) {
        List<String> out = new ArrayList<>();
        if (report == null) {
            return out;
        }
        try {
            io.driftwatch.util.Json.MAPPER.readTree(report).path("columns").forEach(c -> {
                if (c.path("drift").asBoolean(false)) {
                    out.add(c.path("name").asString());
                }
            });
        } catch (RuntimeException e) {
            return out;
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void condition(Map<String, Object> status, String type, boolean on, String reason, String message,
                                  Long generation, Instant now) {
        List<Map<String, Object>> conditions = new ArrayList<>();
        Object existing = status.get("conditions");
        String before = null;
        if (existing instanceof List<?> l) {
            for (Object o : l) {
                Map<String, Object> c = (Map<String, Object>) o;
                if (type.equals(c.get("type"))) {
                    before = (String) c.get("lastTransitionTime");
                    if (!(on ? "True" : "False").equals(c.get("status"))) {
                        before = null;
                    }
                } else {
                    conditions.add(c);
                }
            }
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("type", type);
        c.put("status", on ? "True" : "False");
        c.put("reason", reason);
        c.put("message", message.length() > 1000 ? message.substring(0, 1000) + "…" : message);
        if (generation != null) {
            c.put("observedGeneration", generation);
        }
        c.put("lastTransitionTime", before != null ? before : now.toString());
        conditions.add(c);
        status.put("conditions", conditions);
    }

    @SuppressWarnings("unchecked")
    private static void update(KubernetesClient kube, String ns, String name, Consumer<Map<String, Object>> change) {
        for (int attempt = 1; ; attempt++) {
            GenericKubernetesResource r = kube.genericKubernetesResources(ModelMonitors.CRD).inNamespace(ns).withName(name).get();
            if (r == null) {
                return;
            }
            Map<String, Object> status = new LinkedHashMap<>((Map<String, Object>) r.getAdditionalProperties()
                    .getOrDefault("status", Map.of()));
            change.accept(status);
            r.setAdditionalProperty("status", status);
            try {
                kube.genericKubernetesResources(ModelMonitors.CRD).inNamespace(ns).resource(r).updateStatus();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
