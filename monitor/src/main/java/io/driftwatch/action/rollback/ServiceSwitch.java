package io.driftwatch.action.rollback;

import io.driftwatch.action.ActionException;
import io.driftwatch.action.ActionRequest;
import io.driftwatch.action.Change;
import io.driftwatch.action.Strategy;
import io.driftwatch.util.Json;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Blue/green: points the Service's selector back at the stable version's labels (e.g. from
 * {@code version: green} to {@code version: blue}), so traffic returns to the stable Deployment at once.
 */
public final class ServiceSwitch implements Strategy {
    private final String namespace;
    private final String name;
    private final Map<String, String> stable;

    public ServiceSwitch(String namespace, String name, Map<String, String> stable) {
        this.namespace = namespace;
        this.name = name;
        this.stable = Map.copyOf(stable);
    }

    @Override
    public String name() {
        return "service-switch";
    }

    @Override
    public String target() {
        return "v1/Service " + namespace + "/" + name;
    }

    @Override
    public Change plan(KubernetesClient client, ActionRequest request) throws ActionException {
        try {
            Service s = client.services().inNamespace(namespace).withName(name).get();
            if (s == null) {
                throw new ActionException("service " + namespace + "/" + name + " does not exist", false, null);
            }
            Map<String, String> selector = new TreeMap<>(s.getSpec().getSelector());
            Map<String, String> next = new TreeMap<>(selector);
            next.putAll(stable);
            if (next.equals(selector)) {
                return Change.nothing(target(), "the service already selects " + stable);
            }
            String patch = JsonPatch.replace(s.getMetadata().getResourceVersion(), "/spec/selector", Json.write(next));
            return new Change(target(), patch, Json.write(selector), Json.write(next), null);
        } catch (KubernetesClientException e) {
            throw ActionException.of("reading " + target(), e);
        }
    }

    @Override
    public Change apply(KubernetesClient client, ActionRequest request, Change plan) throws ActionException {
        try {
            Service s = client.services().inNamespace(namespace).withName(name).get();
            JsonPatch p = JsonPatch.read(plan.patch());
            if (!p.resourceVersion().equals(s.getMetadata().getResourceVersion())) {
                throw new ActionException("service " + namespace + "/" + name + " changed since the plan", true, null);
            }
            var type = Json.MAPPER.getTypeFactory().constructMapType(Map.class, String.class, String.class);
            Map<String, String> selector = Json.MAPPER.readValue(p.value(), type);
            s.getSpec().setSelector(selector);
            client.services().inNamespace(namespace).resource(s).lockResourceVersion(p.resourceVersion()).update();
            return plan;
        } catch (KubernetesClientException e) {
            throw ActionException.of("updating " + target(), e);
        }
    }
}
