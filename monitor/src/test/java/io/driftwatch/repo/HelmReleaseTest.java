package io.driftwatch.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.support.Helm;
import io.driftwatch.support.KubeApiServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart installed, upgraded and rolled back by Helm on a real kube-apiserver (with the Prometheus
 * Operator's CRDs), and the ServiceAccount it creates holding exactly the chart's Roles there.
 */
class HelmReleaseTest {
    @TempDir
    Path dir;

    private Helm.Result helm(Path kubeconfig, String... args) throws Exception {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--kubeconfig";
        all[args.length + 1] = kubeconfig.toString();
        Helm.Result r = Helm.run(all);
        assertThat(r.status()).as(String.join(" ", args) + ": " + r.out()).isZero();
        return r;
    }

    @Test
    void installUpgradeAndRollbackOnARealApiServer() throws Exception {
        try (KubeApiServer server = KubeApiServer.start(); KubernetesClient admin = server.admin()) {
            server.installCrds();
            admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("ml").endMetadata().build()).create();
            Path kubeconfig = server.kubeconfig(dir.resolve("kubeconfig"));
            String chart = Helm.CHART.toString();
            helm(kubeconfig, "install", "driftwatch", chart, "--namespace", "driftwatch", "--create-namespace");
            assertThat(admin.apps().deployments().inNamespace("driftwatch").withName("driftwatch").get().getSpec().getReplicas())
                    .isEqualTo(2);
            assertThat(admin.rbac().roles().inNamespace("ml").withName("driftwatch-actions").get()).isNotNull();

            try (KubernetesClient sa = server.serviceAccount("driftwatch", "driftwatch")) {
                assertThat(sa.apps().deployments().inNamespace("ml").withName("churn").get()).as("the chart's Role allows get")
                        .isNull();
                assertThat(sa.pods().inNamespace("ml").list().getItems()).as("and listing pods (model health)").isEmpty();
                assertThatThrownBy(() -> sa.apps().deployments().inNamespace("ml").list())
                        .isInstanceOf(KubernetesClientException.class).as("but not listing Deployments");
                assertThatThrownBy(() -> sa.secrets().inNamespace("ml").list()).isInstanceOf(KubernetesClientException.class)
                        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(403));
            }

            helm(kubeconfig, "upgrade", "driftwatch", chart, "--namespace", "driftwatch", "--set", "replicas=3", "--set",
                    "monitoring.serviceMonitor.enabled=true", "--set", "monitoring.prometheusRule.enabled=true");
            assertThat(admin.apps().deployments().inNamespace("driftwatch").withName("driftwatch").get().getSpec().getReplicas())
                    .isEqualTo(3);
            assertThat(admin.genericKubernetesResources("monitoring.coreos.com/v1", "ServiceMonitor").inNamespace("driftwatch")
                    .withName("driftwatch").get().getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");

            helm(kubeconfig, "rollback", "driftwatch", "1", "--namespace", "driftwatch");
            assertThat(admin.apps().deployments().inNamespace("driftwatch").withName("driftwatch").get().getSpec().getReplicas())
                    .isEqualTo(2);
            assertThat(admin.genericKubernetesResources("monitoring.coreos.com/v1", "ServiceMonitor").inNamespace("driftwatch")
                    .withName("driftwatch").get()).as("rolled back: the ServiceMonitor is gone").isNull();
            String history = helm(kubeconfig, "history", "driftwatch", "--namespace", "driftwatch").out();
            assertThat(history).contains("Install complete", "Upgrade complete", "Rollback to 1");
            helm(kubeconfig, "uninstall", "driftwatch", "--namespace", "driftwatch");
            assertThat(admin.apps().deployments().inNamespace("driftwatch").withName("driftwatch").get()).isNull();
        }
    }
}
