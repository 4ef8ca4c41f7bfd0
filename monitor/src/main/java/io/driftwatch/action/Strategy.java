package io.driftwatch.action;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * One way of acting on a model through the Kubernetes API. {@code plan} reads and decides without
 * writing (dry runs use it); {@code apply} carries the plan out with optimistic concurrency
 * (resourceVersion preconditions, so a concurrent change makes it fail with 409 and re-plan).
 */
public interface Strategy {

    String name();

    /** The target, for events and audit ("apps/v1/Deployment ns/name"). */
    String target();

    Change plan(KubernetesClient client, ActionRequest request) throws ActionException;

    Change apply(KubernetesClient client, ActionRequest request, Change plan) throws ActionException;

    /** Whether the change has rolled out; strategies with nothing to wait for answer true. */
    default boolean done(KubernetesClient client) throws ActionException {
        return true;
    }
}
