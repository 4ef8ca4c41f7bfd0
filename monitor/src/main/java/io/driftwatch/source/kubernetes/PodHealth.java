package io.driftwatch.source.kubernetes;

import io.driftwatch.source.SourceException;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's serving health from the Kubernetes API: for the pods of its Deployment (found by the
 * Deployment's selector), container restarts and containers in CrashLoopBackOff, and ready against desired
 * replicas. Rules threshold them as {@code health.restarts}, {@code health.crash_looping},
 * {@code health.ready_ratio}, {@code health.ready} and {@code health.desired}.
 */
public final class PodHealth {
    private final KubernetesClient client;

    public PodHealth(KubernetesClient client) {
        this.client = client;
    }

    public Map<String, Double> read(String namespace, String deployment) throws SourceException {
        try {
            Deployment d = client.apps().deployments().inNamespace(namespace).withName(deployment).get();
            if (d == null) {
                throw new SourceException("deployment " + namespace + "/" + deployment + " does not exist", null);
            }
            List<Pod> pods = client.pods().inNamespace(namespace).withLabels(d.getSpec().getSelector().getMatchLabels())
                    .list().getItems();
            double restarts = 0;
            double crashLooping = 0;
            for (Pod p : pods) {
                List<ContainerStatus> statuses = p.getStatus() == null || p.getStatus().getContainerStatuses() == null
                        ? List.of() : p.getStatus().getContainerStatuses();
                for (ContainerStatus c : statuses) {
                    restarts += c.getRestartCount() == null ? 0 : c.getRestartCount();
                    if (c.getState() != null && c.getState().getWaiting() != null
                            && "CrashLoopBackOff".equals(c.getState().getWaiting().getReason())) {
                        crashLooping++;
                    }
                }
            }
            double desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
            double ready = d.getStatus() == null || d.getStatus().getReadyReplicas() == null ? 0
                    : d.getStatus().getReadyReplicas();
            Map<String, Double> out = new LinkedHashMap<>();
            out.put("restarts", restarts);
            out.put("crash_looping", crashLooping);
            out.put("ready", ready);
            out.put("desired", desired);
            out.put("ready_ratio", desired == 0 ? 1.0 : ready / desired);
            out.put("pods", (double) pods.size());
            return out;
        } catch (KubernetesClientException e) {
            throw new SourceException("Kubernetes API: " + e.getMessage(), e);
        }
    }
}
