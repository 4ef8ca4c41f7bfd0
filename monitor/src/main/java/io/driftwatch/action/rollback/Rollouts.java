package io.driftwatch.action.rollback;

import io.fabric8.kubernetes.api.model.apps.Deployment;

/** When a Deployment's rollout is complete, as {@code kubectl rollout status} judges it. */
final class Rollouts {
    private Rollouts() {
    }

    static boolean complete(Deployment d) {
        if (d == null || d.getStatus() == null) {
            return false;
        }
        long generation = d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
        long observed = d.getStatus().getObservedGeneration() == null ? 0 : d.getStatus().getObservedGeneration();
        int want = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        return observed >= generation && value(d.getStatus().getUpdatedReplicas()) == want
                && value(d.getStatus().getAvailableReplicas()) == want && value(d.getStatus().getReplicas()) == want;
    }

    private static int value(Integer i) {
        return i == null ? 0 : i;
    }
}
