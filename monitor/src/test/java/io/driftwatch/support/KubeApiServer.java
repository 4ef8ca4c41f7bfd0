package io.driftwatch.support;

import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real kube-apiserver on an embedded etcd (testsupport/kube-apiserver, built from k8s.io/kubernetes'
 * Go module by .ci/run and named by {@code DRIFTWATCH_KUBE_APISERVER}), on 127.0.0.1 with RBAC and
 * service-account tokens. There are no controllers and no kubelet: tests write the statuses a
 * controller would. One server per test class; {@link #close()} stops it.
 */
public final class KubeApiServer implements AutoCloseable {
    private final Process process;
    private final String url;
    private final String adminToken;

    private KubeApiServer(Process process, String url, String adminToken) {
        this.process = process;
        this.url = url;
        this.adminToken = adminToken;
    }

    /** Starts one; skipped (or, under CI, failed) when the binary is not built. */
    public static KubeApiServer start() throws IOException, InterruptedException {
        String bin = CiTools.require("DRIFTWATCH_KUBE_APISERVER", CiTools::executable,
                "the test kube-apiserver (testsupport/kube-apiserver)");
        Process p = new ProcessBuilder(bin).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                for (String l = out.readLine(); l != null; l = out.readLine()) {
                    if (l.startsWith("READY ")) {
                        return l;
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        String line;
        try {
            line = ready.get(180, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            p.destroyForcibly();
            throw new IllegalStateException("the test kube-apiserver did not start within 180 s", e);
        }
        if (line == null) {
            throw new IllegalStateException("the test kube-apiserver exited (status " + p.waitFor() + ")");
        }
        String[] parts = line.split(" ");
        KubeApiServer s = new KubeApiServer(p, parts[1], parts[2]);
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
        return s;
    }

    public String url() {
        return url;
    }

    /** Writes a kubeconfig file with the administrator's token, for tools such as Helm; returns its path. */
    public Path kubeconfig(Path file) throws IOException {
        Files.writeString(file, String.join("\n", "apiVersion: v1", "kind: Config", "clusters:", "  - name: test",
                "    cluster: {server: \"" + url + "\", insecure-skip-tls-verify: true}", "users:", "  - name: admin",
                "    user: {token: \"" + adminToken + "\"}", "contexts:", "  - name: test", "    context: {cluster: test, user: admin}",
                "current-context: test") + "\n");
        return file;
    }

    /** A client with the administrator's token (group system:masters). */
    public KubernetesClient admin() {
        return client(adminToken);
    }

    /** ModelMonitors (driftwatch.io/v1alpha1), as the generic client addresses them. */
    public static final io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext MODEL_MONITORS =
            new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder().withGroup("driftwatch.io")
                    .withVersion("v1alpha1").withPlural("modelmonitors").withKind("ModelMonitor").withNamespaced(true).build();
    private static final String[] DEFAULT_CLIENT = {"kubernetes.master", "kubernetes.trust.certificates",
        "kubernetes.auth.tryKubeConfig", "kubernetes.auth.tryServiceAccount", "kubernetes.auth.token"};

    /** fabric8's default client pointed at this server (what a daemon in the test builds); close undoes it. */
    public record DefaultClient(String token) implements AutoCloseable {
        @Override
        public void close() {
            for (String p : DEFAULT_CLIENT) {
                System.clearProperty(p);
            }
        }
    }

    /** Makes fabric8's default client act as {@code namespace/name} here, with a token the API server issued. */
    public DefaultClient defaultClientAs(String namespace, String name) {
        String[] values = {url(), "true", "false", "false", token(namespace, name)};
        for (int i = 0; i < DEFAULT_CLIENT.length; i++) {
            System.setProperty(DEFAULT_CLIENT[i], values[i]);
        }
        return new DefaultClient(values[4]);
    }

    /** A token the API server issues for the ServiceAccount {@code namespace/name} (TokenRequest). */
    public String token(String namespace, String name) {
        try (KubernetesClient admin = admin()) {
            return admin.serviceAccounts().inNamespace(namespace).withName(name).tokenRequest(new TokenRequestBuilder()
                    .withNewSpec().withExpirationSeconds(3600L).endSpec().build()).getStatus().getToken();
        }
    }

    /** A client acting as {@code namespace/name}, with a token the API server issued for it (TokenRequest). */
    public KubernetesClient serviceAccount(String namespace, String name) {
        try (KubernetesClient admin = admin()) {
            TokenRequest issued = admin.serviceAccounts().inNamespace(namespace).withName(name).tokenRequest(
                    new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build());
            return client(issued.getStatus().getToken());
        }
    }

    /**
     * Applies, as the administrator, the Namespaces, ServiceAccounts and RBAC objects that {@code kubectl
     * kustomize dir} renders, and returns a client acting as that build's ServiceAccount {@code namespace/name}
     * with a token the API server issued: exactly the Roles a user would install, nothing more.
     */
    public KubernetesClient asServiceAccountOf(String dir, String namespace, String name) throws Exception {
        java.util.Set<String> rbac = java.util.Set.of("Namespace", "ServiceAccount", "Role", "RoleBinding", "ClusterRole",
                "ClusterRoleBinding");
        try (KubernetesClient admin = admin()) {
            for (tools.jackson.databind.JsonNode d : Kustomize.build(dir)) {
                if (rbac.contains(d.get("kind").asString())) {
                    admin.resource(io.driftwatch.util.Json.write(d)).serverSideApply();
                }
            }
        }
        return serviceAccount(namespace, name);
    }

    /**
     * Installs the projects' own CRDs (Argo Rollouts, Istio, Argo Workflows, Tekton, the Prometheus Operator,
     * Flagger), from the files .ci/run names in
     * {@code DRIFTWATCH_CRDS} (taken from their Go modules through the module proxy, never copied into this
     * repository), and waits until each is established. Returns how many were installed.
     */
    public int installCrds() throws IOException {
        String files = CiTools.require("DRIFTWATCH_CRDS", f -> !f.isBlank(), "the projects' CRD files");
        int n = 0;
        try (KubernetesClient admin = admin()) {
            for (String f : files.split(":")) {
                for (String doc : Files.readString(Path.of(f)).split("(?m)^---\\s*$")) {
                    if (!doc.contains("kind: CustomResourceDefinition")) {
                        continue;
                    }
                    var crd = admin.getKubernetesSerialization().unmarshal(LARGE_YAML.readTree(doc).toString(),
                            io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition.class);
                    admin.apiextensions().v1().customResourceDefinitions().resource(crd).serverSideApply();
                    admin.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                            .waitUntilCondition(KubeApiServer::established, 60, TimeUnit.SECONDS);
                    served(admin, crd);
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Waits until the new resource can be listed: an established CRD's storage still answers 429 ("storage
     * is (re)initializing") for a moment, which a cluster whose CRDs were installed long ago never shows.
     */
    private static void served(KubernetesClient admin, io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition crd) {
        String version = crd.getSpec().getVersions().stream().filter(v -> Boolean.TRUE.equals(v.getStorage())).findFirst()
                .orElseThrow().getName();
        var context = new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder()
                .withGroup(crd.getSpec().getGroup()).withVersion(version).withPlural(crd.getSpec().getNames().getPlural())
                .withKind(crd.getSpec().getNames().getKind()).withNamespaced("Namespaced".equals(crd.getSpec().getScope())).build();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> admin.genericKubernetesResources(context).inAnyNamespace().list() != null);
    }

    /** A YAML reader for CRDs with full schemas (Argo Workflows' is over 3 MB, past SnakeYAML's default limit). */
    private static final tools.jackson.dataformat.yaml.YAMLMapper LARGE_YAML = tools.jackson.dataformat.yaml.YAMLMapper
            .builder(tools.jackson.dataformat.yaml.YAMLFactory.builder().loadSettings(org.snakeyaml.engine.v2.api.LoadSettings
                    .builder().setCodePointLimit(64 << 20).build()).build()).build();

    private static boolean established(io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition c) {
        return c != null && c.getStatus() != null && c.getStatus().getConditions() != null && c.getStatus().getConditions()
                .stream().anyMatch(x -> "Established".equals(x.getType()) && "True".equals(x.getStatus()));
    }

    private KubernetesClient client(String token) {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(url).withOauthToken(token)
                .withTrustCerts(true).withNamespace("default").withRequestRetryBackoffLimit(0).build()).build();
    }

    @Override
    public void close() {
        stop();
    }

    /** Stops the API server (a test of what happens when it is down); closing it later does nothing more. */
    public void stop() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }
}
