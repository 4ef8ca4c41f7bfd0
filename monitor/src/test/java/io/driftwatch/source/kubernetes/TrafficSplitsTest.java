package io.driftwatch.source.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.config.GateConfig;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The split an Argo Rollout runs: a basic canary's pods sized as the Argo Rollouts controller sizes them
 * (checked against the cases of Argo's own TestApproximateWeightedNewStableReplicaCounts), a router's
 * weights when it has one.
 */
@EnableKubernetesMockClient(crud = true)
class TrafficSplitsTest {
    KubernetesClient client;

    /** {replicas, weight, maxSurge, canary, stable}: cases of Argo Rollouts' own table. */
    private static final int[][] ARGO = {
        {0, 50, 1, 0, 0}, {1, 0, 0, 0, 1}, {1, 1, 0, 0, 1}, {1, 49, 0, 0, 1}, {1, 50, 0, 1, 0}, {1, 99, 0, 1, 0},
        {1, 100, 0, 1, 0}, {1, 0, 1, 0, 1}, {1, 1, 1, 1, 1}, {1, 50, 1, 1, 1}, {1, 99, 1, 1, 1}, {1, 100, 1, 1, 0},
        {2, 0, 0, 0, 2}, {2, 1, 0, 1, 1}, {2, 50, 0, 1, 1}, {2, 99, 0, 1, 1}, {2, 100, 0, 2, 0}, {2, 1, 1, 1, 2},
        {2, 50, 1, 1, 1}, {2, 99, 1, 2, 1}, {2, 100, 1, 2, 0}, {3, 10, 0, 1, 2}, {3, 25, 0, 1, 2}, {3, 33, 0, 1, 2},
        {3, 34, 0, 1, 2}, {3, 49, 0, 1, 2}, {3, 50, 0, 2, 1}, {3, 10, 1, 1, 3}, {3, 25, 1, 1, 3}, {3, 33, 1, 1, 2},
        {3, 34, 1, 1, 2}, {3, 49, 1, 2, 2}, {3, 50, 1, 2, 2}, {10, 0, 1, 0, 10}, {10, 1, 0, 1, 9}, {10, 14, 0, 1, 9},
        {10, 15, 0, 2, 8}, {10, 16, 0, 2, 8}, {10, 99, 0, 9, 1}, {10, 100, 1, 10, 0}, {10, 1, 1, 1, 10},
        {10, 18, 1, 2, 9}, {10, 19, 1, 2, 9}, {10, 20, 1, 2, 8}, {10, 23, 1, 2, 8}, {10, 24, 1, 3, 8},
        {10, 25, 1, 3, 8}, {10, 99, 1, 10, 1}, {10, 100, 1, 10, 0}};

    @Test
    void aBasicCanarysPodsAreSizedAsArgoSizesThem() {
        for (int[] c : ARGO) {
            assertThat(BasicCanary.of(c[0], c[1], c[2])).as("replicas %d weight %d surge %d", c[0], c[1], c[2])
                    .isEqualTo(new BasicCanary(c[3], c[4]));
        }
    }

    @Test
    void surgesScaleAsKubernetesScalesThem() {
        assertThat(BasicCanary.scaled("25%", 4, true)).isEqualTo(1);
        assertThat(BasicCanary.scaled("25%", 5, true)).isEqualTo(2);
        assertThat(BasicCanary.scaled("25%", 5, false)).isEqualTo(1);
        assertThat(BasicCanary.scaled(3, 5, true)).isEqualTo(3);
        assertThat(BasicCanary.scaled("0", 5, true)).isZero();
    }

    private TrafficSplits.Split split(Map<String, Object> canary, int replicas) throws Exception {
        GenericKubernetesResource r = new GenericKubernetesResource();
        r.setApiVersion("argoproj.io/v1alpha1");
        r.setKind("Rollout");
        r.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("ro").withNamespace("ml").build());
        r.setAdditionalProperty("spec", Map.of("replicas", replicas, "strategy", Map.of("canary", canary)));
        r.setAdditionalProperty("status", Map.of("currentStepIndex", 0));
        client.genericKubernetesResources(Crds.ROLLOUT).inNamespace("ml").resource(r).createOr(x -> x.update());
        return new TrafficSplits(client).read(new GateConfig.SplitFrom("rollout", "ml", "ro", Optional.empty(),
                Optional.empty()), "1", "2");
    }

    /** The case: 4 replicas at setWeight 10 run 1 canary and 4 stable pods, 20 % of the traffic. */
    @Test
    void aBasicCanaryAtTenPercentOfFourReplicasGetsAFifthOfTheTraffic() throws Exception {
        TrafficSplits.Split s = split(Map.of("steps", List.of(Map.of("setWeight", 10), Map.of("pause", Map.of()))), 4);
        assertThat(s.candidate() / (s.baseline() + s.candidate())).isEqualTo(0.2);
        assertThat(s.from()).contains("1 canary and 4 stable pods", "maxSurge 1");
        TrafficSplits.Split noSurge = split(Map.of("maxSurge", 0, "maxUnavailable", 1,
                "steps", List.of(Map.of("setWeight", 10))), 4);
        assertThat(noSurge.candidate() / (noSurge.baseline() + noSurge.candidate())).isEqualTo(0.25);
    }

    @Test
    void withATrafficRouterTheSplitIsTheWeight() throws Exception {
        TrafficSplits.Split s = split(Map.of("trafficRouting", Map.of("istio", Map.of()), "steps",
                List.of(Map.of("setWeight", 10))), 4);
        assertThat(s.candidate() / (s.baseline() + s.candidate())).isEqualTo(0.1);
    }
}
