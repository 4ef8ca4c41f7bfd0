package io.driftwatch.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The NetworkPolicy that {@code kubectl kustomize k8s/} renders, evaluated as the Kubernetes NetworkPolicy
 * semantics say (a peer's namespaceSelector and podSelector, matchLabels and matchExpressions, ports) for
 * a connection from a pod of each caller's namespace to the daemon's pod on its HTTP port: Prometheus,
 * Argo Rollouts' controller and Flagger get in; a namespace of no caller does not.
 */
class NetworkPolicyTest {
    /** A pod that connects: its namespace (labelled as Kubernetes labels every namespace) and its labels. */
    record Client(String namespace, Map<String, String> labels) {
        Map<String, String> namespaceLabels() {
            return Map.of("kubernetes.io/metadata.name", namespace);
        }
    }

    static boolean selects(JsonNode selector, Map<String, String> labels) {
        if (selector == null || selector.isMissingNode() || selector.isNull()) {
            return true;
        }
        for (var e : selector.path("matchLabels").properties()) {
            if (!e.getValue().asString().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (JsonNode x : selector.path("matchExpressions")) {
            String key = x.get("key").asString();
            List<String> values = new ArrayList<>();
            x.path("values").forEach(v -> values.add(v.asString()));
            boolean ok = switch (x.get("operator").asString()) {
                case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
                case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
                case "Exists" -> labels.containsKey(key);
                case "DoesNotExist" -> !labels.containsKey(key);
                default -> throw new AssertionError("unknown operator " + x);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Whether the policy admits {@code client} to a pod of {@code podLabels} on TCP {@code port}. */
    static boolean admits(JsonNode policy, Map<String, String> podLabels, int port, Client client) {
        String ns = policy.get("metadata").get("namespace").asString();
        JsonNode spec = policy.get("spec");
        assertThat(selects(spec.get("podSelector"), podLabels)).as("the policy selects the daemon's pod").isTrue();
        for (JsonNode rule : spec.path("ingress")) {
            boolean portOk = !rule.has("ports") || java.util.stream.StreamSupport.stream(rule.get("ports").spliterator(), false)
                    .anyMatch(p -> p.path("protocol").asString("TCP").equals("TCP") && p.get("port").asInt() == port);
            boolean peerOk = !rule.has("from") || java.util.stream.StreamSupport.stream(rule.get("from").spliterator(), false)
                    .anyMatch(peer -> peer(peer, ns, client));
            if (portOk && peerOk) {
                return true;
            }
        }
        return false;
    }

    private static boolean peer(JsonNode peer, String policyNamespace, Client client) {
        if (peer.has("ipBlock")) {
            return false;
        }
        boolean namespaceOk = peer.has("namespaceSelector") ? selects(peer.get("namespaceSelector"), client.namespaceLabels())
                : client.namespace().equals(policyNamespace);
        return namespaceOk && selects(peer.get("podSelector"), client.labels());
    }

    @Test
    void theGatesCallersAndPrometheusGetInAndNobodyElse() throws Exception {
        List<JsonNode> docs = KustomizeTest.build("k8s");
        JsonNode policy = KustomizeTest.one(docs, "NetworkPolicy", "driftwatch");
        JsonNode pod = KustomizeTest.one(docs, "Deployment", "driftwatch").get("spec").get("template");
        Map<String, String> podLabels = new java.util.HashMap<>();
        pod.get("metadata").get("labels").properties().forEach(e -> podLabels.put(e.getKey(), e.getValue().asString()));
        int port = pod.get("spec").get("containers").get(0).get("ports").get(0).get("containerPort").asInt();
        assertThat(policy.get("spec").get("policyTypes").toString()).contains("Ingress");
        Map<String, Client> callers = Map.of(
                "Prometheus", new Client("monitoring", Map.of("app.kubernetes.io/name", "prometheus")),
                "Argo Rollouts' controller", new Client("argo-rollouts", Map.of("app.kubernetes.io/name", "argo-rollouts")),
                "Flagger", new Client("flagger-system", Map.of("app.kubernetes.io/name", "flagger")),
                "Flagger beside Istio", new Client("istio-system", Map.of("app", "flagger")),
                "a replica", new Client("driftwatch", podLabels));
        callers.forEach((who, c) -> assertThat(admits(policy, podLabels, port, c)).as(who).isTrue());
        assertThat(admits(policy, podLabels, port, new Client("default", Map.of("app", "curl")))).as("anyone else").isFalse();
        assertThat(admits(policy, podLabels, 9999, new Client("monitoring", Map.of()))).as("another port").isFalse();
    }
}
