package io.driftwatch.source.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.drift.DriftReport;
import io.driftwatch.drift.Verdict;
import io.driftwatch.config.Location;
import io.driftwatch.rules.AlertState;
import io.driftwatch.rules.Condition;
import io.driftwatch.rules.Hold;
import io.driftwatch.rules.Rule;
import io.driftwatch.rules.RuleEvaluator;
import io.driftwatch.rules.RuleExpr;
import io.driftwatch.rules.Scope;
import io.driftwatch.source.SourceException;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Health signals from a Deployment's pods through the API, and a rule that thresholds them. */
@EnableKubernetesMockClient(crud = true)
class PodHealthTest {
    KubernetesClient client;

    private void pod(String name, int restarts, String waiting) {
        var status = new ContainerStatusBuilder().withName("model").withRestartCount(restarts).withReady(waiting == null);
        if (waiting != null) {
            status.withNewState().withNewWaiting().withReason(waiting).endWaiting().endState();
        }
        client.pods().inNamespace("ml").resource(new PodBuilder().withNewMetadata().withName(name)
                .addToLabels("app", "my-model").endMetadata().withNewStatus().withContainerStatuses(status.build())
                .endStatus().build()).create();
    }

    @Test
    void restartsCrashLoopsAndReadinessAreReadAndThresholded() throws Exception {
        client.apps().deployments().inNamespace("ml").resource(new DeploymentBuilder().withNewMetadata()
                .withName("my-model").endMetadata().withNewSpec().withReplicas(3).withNewSelector()
                .addToMatchLabels("app", "my-model").endSelector().endSpec().withNewStatus().withReadyReplicas(2)
                .endStatus().build()).create();
        pod("a", 0, null);
        pod("b", 2, null);
        pod("c", 5, "CrashLoopBackOff");
        client.pods().inNamespace("ml").resource(new PodBuilder().withNewMetadata().withName("other")
                .addToLabels("app", "other").endMetadata().build()).create();
        Map<String, Double> h = new PodHealth(client).read("ml", "my-model");
        assertThat(h).containsEntry("restarts", 7.0).containsEntry("crash_looping", 1.0).containsEntry("ready", 2.0)
                .containsEntry("desired", 3.0).containsEntry("pods", 3.0);
        assertThat(h.get("ready_ratio")).isEqualTo(2.0 / 3);

        Rule crashLoop = new Rule("CrashLooping", new Location("r", 1, 1), "*", "*",
                new Condition.Drift(RuleExpr.parse("health.crash_looping > 0").orElseThrow()), new Hold(1, Duration.ZERO,
                Duration.ZERO), "critical", Map.of(), Map.of());
        Map<String, Double> metrics = new java.util.HashMap<>();
        h.forEach((k, v) -> metrics.put("health." + k, v));
        var out = new RuleEvaluator(List.of(crashLoop)).evaluate("credit-risk", "3", List.of(new Scope.Results(
                Scope.MODEL, "", new DriftReport(List.of(), Verdict.OK), metrics)), Map.of(), Instant.now());
        assertThat(out.states()).singleElement().satisfies(s -> assertThat(s.state()).isEqualTo(AlertState.FIRING));
        assertThatThrownBy(() -> new PodHealth(client).read("ml", "missing")).isInstanceOf(SourceException.class)
                .hasMessageContaining("does not exist");
    }
}
