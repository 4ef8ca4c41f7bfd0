package io.driftwatch.source.kubernetes;

import io.driftwatch.config.GateConfig;
import io.driftwatch.source.SourceException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;

/**
 * The traffic split a canary is running now, read from the Kubernetes API for the gate's sample-ratio
 * check: the weights of an Istio VirtualService's destinations, or an Argo Rollout's canary and stable
 * weights ({@code status.canary.weights} when it routes traffic, else the {@code setWeight} of its current
 * step; a basic canary without a router splits traffic by pods, which {@link BasicCanary} sizes as Argo does). Anything that leaves the split unknown is a {@link SourceException} saying why.
 */
public final class TrafficSplits {
    private final KubernetesClient client;

    /** The weights (any scale) of the baseline's and the candidate's traffic, and where they were read. */
    public record Split(double baseline, double candidate, String from) {
    }

    public TrafficSplits(KubernetesClient client) {
        this.client = client;
    }

    public Split read(GateConfig.SplitFrom from, String baseline, String candidate) throws SourceException {
        try {
            return from.kind().equals("rollout") ? rollout(from)
                    : virtualService(from, from.baseline().orElse(baseline), from.candidate().orElse(candidate));
        } catch (KubernetesClientException e) {
            throw new SourceException("Kubernetes API: " + e.getMessage(), e);
        }
    }

    private Split virtualService(GateConfig.SplitFrom from, String baseline, String candidate) throws SourceException {
        String where = "VirtualService " + from.namespace() + "/" + from.name();
        Map<String, Object> spec = spec(get(Crds.VIRTUAL_SERVICE, from, where), where);
        double b = 0;
        double c = 0;
        for (Map<String, Object> http : maps(spec.get("http"))) {
            List<Map<String, Object>> routes = maps(http.get("route"));
            for (Map<String, Object> route : routes) {
                Object dest = route.get("destination");
                Map<?, ?> d = dest instanceof Map<?, ?> m ? m : Map.of();
                double weight = route.get("weight") instanceof Number n ? n.doubleValue() : routes.size() == 1 ? 100 : 0;
                if (baseline.equals(d.get("subset")) || baseline.equals(d.get("host"))) {
                    b += weight;
                } else if (candidate.equals(d.get("subset")) || candidate.equals(d.get("host"))) {
                    c += weight;
                }
            }
        }
        if (b == 0 && c == 0) {
            throw new SourceException(where + " routes no weight to a destination whose subset or host is '" + baseline
                    + "' or '" + candidate + "' (set gate.split_from.virtual_service.baseline / candidate)", null);
        }
        return new Split(b, c, where);
    }

    private Split rollout(GateConfig.SplitFrom from) throws SourceException {
        String where = "Rollout " + from.namespace() + "/" + from.name();
        GenericKubernetesResource r = get(Crds.ROLLOUT, from, where);
        Object status = r.getAdditionalProperties().get("status");
        Map<?, ?> canary = status instanceof Map<?, ?> s && s.get("canary") instanceof Map<?, ?> c ? c : Map.of();
        if (canary.get("weights") instanceof Map<?, ?> w && w.get("canary") instanceof Map<?, ?> cw
                && w.get("stable") instanceof Map<?, ?> sw) {
            return new Split(number(sw.get("weight")), number(cw.get("weight")), where + " status.canary.weights");
        }
        Map<String, Object> spec = spec(r, where);
        Object strategy = spec.get("strategy");
        List<Map<String, Object>> steps = strategy instanceof Map<?, ?> st && st.get("canary") instanceof Map<?, ?> c
                ? maps(c.get("steps")) : List.of();
        int current = status instanceof Map<?, ?> s && s.get("currentStepIndex") instanceof Number n ? n.intValue() : -1;
        if (steps.isEmpty() || current < 0 || current >= steps.size()) {
            throw new SourceException(where + " is not at a canary step (currentStepIndex " + current + " of "
                    + steps.size() + " steps)", null);
        }
        double weight = -1;
        for (int i = 0; i <= current; i++) {
            if (steps.get(i).get("setWeight") instanceof Number n) {
                weight = n.doubleValue();
            }
        }
        if (weight < 0) {
            throw new SourceException(where + " has set no weight by step " + current, null);
        }
        Map<?, ?> canaryStrategy = strategy instanceof Map<?, ?> st && st.get("canary") instanceof Map<?, ?> c ? c : Map.of();
        if (canaryStrategy.get("trafficRouting") != null) {
            return new Split(100 - weight, weight, where + " step " + current + " setWeight");
        }
        return basicCanary(spec, canaryStrategy, (int) weight, where + " step " + current + " setWeight " + (int) weight);
    }

    /** Without a traffic router the split is the pods' split, sized as the Argo Rollouts controller sizes it. */
    private static Split basicCanary(Map<String, Object> spec, Map<?, ?> canary, int weight, String where)
            throws SourceException {
        int replicas = spec.get("replicas") instanceof Number n ? n.intValue() : 1;
        int surge;
        try {
            surge = BasicCanary.scaled(canary.get("maxSurge") == null ? "25%" : canary.get("maxSurge"), replicas, true);
        } catch (NumberFormatException e) {
            throw new SourceException(where + ": maxSurge '" + canary.get("maxSurge") + "' is not a number or a percentage",
                    null);
        }
        BasicCanary pods = BasicCanary.of(replicas, weight, surge);
        return new Split(pods.stable(), pods.canary(), where + " without a traffic router: " + pods.canary()
                + " canary and " + pods.stable() + " stable pods of " + replicas + " replicas (maxSurge " + surge + ")");
    }

    private GenericKubernetesResource get(io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext crd,
                                          GateConfig.SplitFrom from, String where) throws SourceException {
        GenericKubernetesResource r = client.genericKubernetesResources(crd).inNamespace(from.namespace())
                .withName(from.name()).get();
        if (r == null) {
            throw new SourceException(where + " does not exist", null);
        }
        return r;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource r, String where) throws SourceException {
        if (r.getAdditionalProperties().get("spec") instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new SourceException(where + " has no spec", null);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object list) {
        return list instanceof List<?> l ? l.stream().filter(Map.class::isInstance).map(x -> (Map<String, Object>) x).toList()
                : List.of();
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : 0;
    }
}
