package io.driftwatch.config;

/**
 * The daemon's own Kubernetes settings: with {@code lease}, replicas elect a leader on that
 * coordination.k8s.io Lease in {@code leaseNamespace}, and only the leader acts.
 */
public record KubernetesConfig(String lease, String leaseNamespace) {
}
