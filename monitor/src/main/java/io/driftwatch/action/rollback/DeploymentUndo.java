package io.driftwatch.action.rollback;

import io.driftwatch.action.ActionException;
import io.driftwatch.action.ActionRequest;
import io.driftwatch.action.Change;
import io.driftwatch.action.Strategy;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What {@code kubectl rollout undo} does: the Deployment's ReplicaSets (found by owner reference), their
 * {@code deployment.kubernetes.io/revision}, and the target's pod template without
 * {@code pod-template-hash} written back to the Deployment. The target is the newest revision before the
 * current one that Driftwatch did not flag, or the last revision recorded healthy. It refuses a paused
 * Deployment and changes nothing when the template is already the target's.
 */
public final class DeploymentUndo implements Strategy {
    public static final String REVISION = "deployment.kubernetes.io/revision";
    private static final String HASH = "pod-template-hash";

    private final String namespace;
    private final String name;
    private final Supplier<Set<String>> flagged;
    private final Supplier<Optional<String>> healthy;

    /** {@code flagged}: revisions Driftwatch rolled back from; {@code healthy}: the last revision recorded healthy. */
    public DeploymentUndo(String namespace, String name, Supplier<Set<String>> flagged,
                          Supplier<Optional<String>> healthy) {
        this.namespace = namespace;
        this.name = name;
        this.flagged = flagged;
        this.healthy = healthy;
    }

    @Override
    public String name() {
        return "deployment-undo";
    }

    @Override
    public String target() {
        return "apps/v1/Deployment " + namespace + "/" + name;
    }

    @Override
    public Change plan(KubernetesClient client, ActionRequest request) throws ActionException {
        try {
            Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
            if (d == null) {
                throw new ActionException("deployment " + namespace + "/" + name + " does not exist", false, null);
            }
            if (Boolean.TRUE.equals(d.getSpec().getPaused())) {
                throw new ActionException("deployment " + namespace + "/" + name + " is paused: refusing to roll back "
                        + "(resume it or roll back by hand)", false, null);
            }
            String current = annotation(d.getMetadata().getAnnotations());
            List<ReplicaSet> owned = client.apps().replicaSets().inNamespace(namespace)
                    .withLabels(d.getSpec().getSelector().getMatchLabels()).list().getItems().stream()
                    .filter(rs -> rs.getMetadata().getOwnerReferences().stream()
                            .anyMatch(o -> d.getMetadata().getUid().equals(o.getUid())))
                    .toList();
            ReplicaSet target = target(owned, current).orElseThrow(() -> new ActionException("deployment " + namespace
                    + "/" + name + " has no earlier revision to roll back to (current " + current + ")", false, null));
            PodTemplateSpec template = withoutHash(target.getSpec().getTemplate());
            String revision = annotation(target.getMetadata().getAnnotations());
            if (Serialization.asJson(template).equals(Serialization.asJson(d.getSpec().getTemplate()))) {
                return Change.nothing(target(), "the pod template is already revision " + revision + "'s");
            }
            String patch = JsonPatch.replace(d.getMetadata().getResourceVersion(), "/spec/template",
                    Serialization.asJson(template));
            return new Change(target(), patch, current, revision, null);
        } catch (KubernetesClientException e) {
            throw ActionException.of("reading " + target(), e);
        }
    }

    private Optional<ReplicaSet> target(List<ReplicaSet> owned, String current) {
        long cur = parse(current);
        Set<String> bad = flagged.get();
        Optional<String> good = healthy.get().filter(h -> !bad.contains(h) && parse(h) < cur);
        if (good.isPresent()) {
            Optional<ReplicaSet> byHealth = owned.stream()
                    .filter(rs -> good.get().equals(annotation(rs.getMetadata().getAnnotations()))).findFirst();
            if (byHealth.isPresent()) {
                return byHealth;
            }
        }
        return owned.stream().filter(rs -> {
            String rev = annotation(rs.getMetadata().getAnnotations());
            return parse(rev) < cur && !bad.contains(rev);
        }).max(Comparator.comparingLong(rs -> parse(annotation(rs.getMetadata().getAnnotations()))));
    }

    @Override
    public Change apply(KubernetesClient client, ActionRequest request, Change plan) throws ActionException {
        try {
            Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
            JsonPatch p = JsonPatch.read(plan.patch());
            if (!p.resourceVersion().equals(d.getMetadata().getResourceVersion())) {
                throw new ActionException("deployment " + namespace + "/" + name + " changed since the plan (resourceVersion "
                        + p.resourceVersion() + " → " + d.getMetadata().getResourceVersion() + ")", true, null);
            }
            d.getSpec().setTemplate(Serialization.unmarshal(p.value(), PodTemplateSpec.class));
            client.apps().deployments().inNamespace(namespace).resource(d).lockResourceVersion(p.resourceVersion())
                    .update();
            return plan;
        } catch (KubernetesClientException e) {
            throw ActionException.of("updating " + target(), e);
        }
    }

    @Override
    public boolean done(KubernetesClient client) {
        Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
        return Rollouts.complete(d);
    }

    static PodTemplateSpec withoutHash(PodTemplateSpec template) {
        PodTemplateSpec copy = Serialization.clone(template);
        if (copy.getMetadata() != null && copy.getMetadata().getLabels() != null) {
            Map<String, String> labels = new HashMap<>(copy.getMetadata().getLabels());
            labels.remove(HASH);
            copy.getMetadata().setLabels(labels);
        }
        return copy;
    }

    private static String annotation(Map<String, String> annotations) {
        return annotations == null ? "0" : annotations.getOrDefault(REVISION, "0");
    }

    private static long parse(String revision) {
        try {
            return Long.parseLong(revision);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
