package io.driftwatch.action.rollback;

import io.driftwatch.action.ActionException;
import io.driftwatch.action.ActionRequest;
import io.driftwatch.action.Change;
import io.driftwatch.source.kubernetes.Crds;
import io.driftwatch.action.Strategy;
import io.driftwatch.util.Json;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;

/**
 * Aborts a canary: scales the canary Deployment to 0, sets an Istio VirtualService's route weights to
 * 100 for the stable destination (its host, its subset, or both, as Istio's canary patterns name it) and 0
 * for the others in each http entry that routes to it (other entries untouched), or aborts an Argo Rollout with the merge patch
 * {@code {"status":{"abort":true}}} on its status subresource (what {@code kubectl argo rollouts abort}
 * sends).
 */
public final class CanaryAbort implements Strategy {
    static final String ISTIO = "networking.istio.io/v1beta1";
    static final String ARGO = "argoproj.io/v1alpha1";
    private static final String ABORT = "{\"status\":{\"abort\":true}}";

    private final String namespace;
    private final String kind;
    private final String name;
    private final String stableHost;
    private final String stableSubset;

    public CanaryAbort(String namespace, String kind, String name, String stableHost, String stableSubset) {
        this.namespace = namespace;
        this.kind = kind;
        this.name = name;
        this.stableHost = stableHost;
        this.stableSubset = stableSubset;
    }

    @Override
    public String name() {
        return "canary-abort";
    }

    @Override
    public String target() {
        return switch (kind) {
            case "virtualservice" -> ISTIO + "/VirtualService " + namespace + "/" + name;
            case "rollout" -> ARGO + "/Rollout " + namespace + "/" + name;
            default -> "apps/v1/Deployment " + namespace + "/" + name;
        };
    }

    @Override
    public Change plan(KubernetesClient client, ActionRequest request) throws ActionException {
        try {
            return switch (kind) {
                case "virtualservice" -> planWeights(client);
                case "rollout" -> planAbort(client);
                default -> planScale(client);
            };
        } catch (KubernetesClientException e) {
            throw ActionException.of("reading " + target(), e);
        }
    }

    private Change planScale(KubernetesClient client) throws ActionException {
        Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
        if (d == null) {
            throw new ActionException("canary deployment " + namespace + "/" + name + " does not exist", false, null);
        }
        Integer replicas = d.getSpec().getReplicas();
        if (replicas != null && replicas == 0) {
            return Change.nothing(target(), "the canary is already scaled to 0");
        }
        return new Change(target(), "{\"spec\":{\"replicas\":0}}", "replicas=" + replicas, "replicas=0", null);
    }

    private Change planAbort(KubernetesClient client) throws ActionException {
        GenericKubernetesResource r = client.genericKubernetesResources(Crds.ROLLOUT).inNamespace(namespace)
                .withName(name).get();
        if (r == null) {
            throw new ActionException("rollout " + namespace + "/" + name + " does not exist", false, null);
        }
        Object status = r.getAdditionalProperties().get("status");
        if (status instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("abort"))) {
            return Change.nothing(target(), "the rollout is already aborted");
        }
        return new Change(target(), ABORT, phase(status), "Aborted", null);
    }

    private static String phase(Object status) {
        return status instanceof Map<?, ?> m && m.get("phase") != null ? String.valueOf(m.get("phase")) : "unknown";
    }

    private Change planWeights(KubernetesClient client) throws ActionException {
        GenericKubernetesResource vs = client.genericKubernetesResources(Crds.VIRTUAL_SERVICE).inNamespace(namespace)
                .withName(name).get();
        if (vs == null) {
            throw new ActionException("virtualservice " + namespace + "/" + name + " does not exist", false, null);
        }
        List<Map<String, Object>> http = maps(vs.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec
                ? spec.get("http") : null);
        String before = Json.write(http);
        boolean found = false;
        for (int i = 0; i < http.size(); i++) {
            found |= toStable(maps(http.get(i).get("route")), i);
        }
        if (!found) {
            throw new ActionException("virtualservice " + namespace + "/" + name + " has no route to " + stable(), false,
                    null);
        }
        String after = Json.write(http);
        if (after.equals(before)) {
            return Change.nothing(target(), "all traffic already goes to " + stable());
        }
        String patch = "{\"metadata\":{\"resourceVersion\":" + Json.write(vs.getMetadata().getResourceVersion())
                + "},\"spec\":{\"http\":" + after + "}}";
        return new Change(target(), patch, before, after, null);
    }

    /**
     * Gives one http entry's stable destination weight 100 and the others 0; an entry without a route to
     * the stable destination (another host, a redirect) is left as it is. False when it has none.
     */
    private boolean toStable(List<Map<String, Object>> routes, int entry) throws ActionException {
        List<Map<String, Object>> stable = routes.stream().filter(this::isStable).toList();
        if (stable.isEmpty()) {
            return false;
        }
        if (stable.size() > 1) {
            throw new ActionException("virtualservice " + namespace + "/" + name + " http[" + entry + "] has "
                    + stable.size() + " destinations matching " + stable() + " (subsets " + routes.stream()
                    .map(r -> String.valueOf(destination(r).get("subset"))).toList() + "): set stable_subset", false, null);
        }
        routes.forEach(r -> r.put("weight", stable.contains(r) ? 100 : 0));
        return true;
    }

    private boolean isStable(Map<String, Object> route) {
        Map<?, ?> d = destination(route);
        return (stableHost == null || stableHost.equals(d.get("host")))
                && (stableSubset == null || stableSubset.equals(d.get("subset")));
    }

    private static Map<?, ?> destination(Map<String, Object> route) {
        return route.get("destination") instanceof Map<?, ?> d ? d : Map.of();
    }

    private String stable() {
        return stableSubset == null ? stableHost : (stableHost == null ? "" : stableHost + " ") + "subset " + stableSubset;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object list) {
        return list instanceof List<?> l ? l.stream().filter(Map.class::isInstance).map(x -> (Map<String, Object>) x).toList()
                : List.of();
    }

    @Override
    public Change apply(KubernetesClient client, ActionRequest request, Change plan) throws ActionException {
        try {
            switch (kind) {
                case "virtualservice" -> updateWeights(client, plan);
                case "rollout" -> client.genericKubernetesResources(Crds.ROLLOUT).inNamespace(namespace)
                        .withName(name).subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), ABORT);
                default -> client.apps().deployments().inNamespace(namespace).withName(name)
                        .patch(PatchContext.of(PatchType.JSON_MERGE), plan.patch());
            }
            return plan;
        } catch (KubernetesClientException e) {
            throw ActionException.of("patching " + target(), e);
        }
    }

    /** Writes the planned routes with the plan's resourceVersion as precondition (409 if it changed). */
    private void updateWeights(KubernetesClient client, Change plan) throws ActionException {
        var patch = io.driftwatch.util.Json.MAPPER.readTree(plan.patch());
        String version = patch.get("metadata").get("resourceVersion").asString();
        GenericKubernetesResource vs = client.genericKubernetesResources(Crds.VIRTUAL_SERVICE).inNamespace(namespace)
                .withName(name).get();
        if (!version.equals(vs.getMetadata().getResourceVersion())) {
            throw new ActionException("virtualservice " + namespace + "/" + name + " changed since the plan", true, null);
        }
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> spec = (java.util.Map<String, Object>) vs.getAdditionalProperties().get("spec");
        spec.put("http", Json.MAPPER.readValue(patch.get("spec").get("http").toString(), List.class));
        client.genericKubernetesResources(Crds.VIRTUAL_SERVICE).inNamespace(namespace).resource(vs)
                .lockResourceVersion(version).update();
    }

    @Override
    public boolean done(KubernetesClient client) {
        if (!"deployment".equals(kind)) {
            return true;
        }
        Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
        return d != null && d.getStatus() != null && (d.getStatus().getReplicas() == null || d.getStatus().getReplicas() == 0);
    }
}
