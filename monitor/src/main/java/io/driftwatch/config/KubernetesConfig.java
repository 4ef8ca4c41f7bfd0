package io.driftwatch.config;

/**
 * The daemon's own Kubernetes settings: with {@code lease}, replicas elect a leader on that
 * coordination.k8s.io Lease in {@code leaseNamespace}, and only the leader acts. With {@code modelMonitors},
 * ModelMonitor resources (driftwatch.io/v1alpha1) in every namespace are watched and evaluated beside the
 * configured models.
 */
public record KubernetesConfig(String lease, String leaseNamespace, boolean modelMonitors) {
    public KubernetesConfig(String lease, String leaseNamespace) {
        this(lease, leaseNamespace, false);
    }
}
