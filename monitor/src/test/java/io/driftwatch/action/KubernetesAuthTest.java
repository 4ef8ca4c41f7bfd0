package io.driftwatch.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.app.Configuration;
import io.driftwatch.app.ConfigurationLoader;
import io.driftwatch.app.Driftwatch;
import io.driftwatch.drift.TestRegistry;
import io.driftwatch.support.Fixtures;
import io.driftwatch.support.KubeApiServer;
import io.driftwatch.support.Kustomize;
import io.driftwatch.support.ManualClock;
import io.driftwatch.util.Json;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code http.auth: kubernetes} on a real kube-apiserver, with the RBAC of {@code k8s/} and of
 * {@code k8s/examples/kubernetes-auth/}: a caller's token is reviewed (TokenReview) and each sees only the models of
 * the namespaces where a SubjectAccessReview lets them get ModelMonitors, with those models' alerts; silences and
 * reload need update in Driftwatch's namespace; no token or a token the API server does not know is a 401, an API
 * server that cannot answer a 503.
 */
class KubernetesAuthTest {
    private static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");
    private static final ResourceDefinitionContext MM = KubeApiServer.MODEL_MONITORS;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private List<String> models(String base, String token) throws Exception {
        HttpResponse<String> r = get(base + "/api/v1/models", token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> names = new java.util.ArrayList<>();
        Json.MAPPER.readTree(r.body()).forEach(m -> names.add(m.get("name").asString()));
        return names;
    }

    private GenericKubernetesResource monitor(String namespace, String name) {
        GenericKubernetesResource r = new GenericKubernetesResource();
        r.setApiVersion("driftwatch.io/v1alpha1");
        r.setKind("ModelMonitor");
        r.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        r.setAdditionalProperty("spec", Map.of("source", Map.of("path", dir.resolve("logs/" + name + ".jsonl").toString()),
                "reference", Map.of("file", dir.resolve("reference/" + name + ".jsonl").toString()),
                "features", List.of(Map.of("name", "x", "type", "numeric"), Map.of("name", "c", "type", "categorical")),
                "window", "1h", "schedule", Map.of("interval", "1h"),
                "rules", List.of(Map.of("name", "Shift", "expr", "psi > 0.25", "for", 1, "severity", "critical"))));
        return r;
    }

    private void writeLogs(String namespace, String name, int shift) {
        String model = "\"model\":\"" + namespace + "." + name + "\"";
        Fixtures.writeLines(dir.resolve("reference/" + name + ".jsonl"), Fixtures.lines(500, 0, T0.minusSeconds(7200), 3)
                .stream().map(l -> l.replace("\"model\":\"m\"", model)).toList());
        Fixtures.writeLines(dir.resolve("logs/" + name + ".jsonl"), Fixtures.lines(400, shift, T0, 4).stream()
                .map(l -> l.replace("\"model\":\"m\"", model)).toList());
    }

    private static void bind(KubernetesClient admin, String namespace, String account, String accountNamespace, String role) {
        admin.serviceAccounts().inNamespace(accountNamespace).resource(new ServiceAccountBuilder().withNewMetadata()
                .withName(account).withNamespace(accountNamespace).endMetadata().build()).serverSideApply();
        admin.rbac().roleBindings().inNamespace(namespace).resource(new RoleBindingBuilder().withNewMetadata()
                .withName(account + "-" + role).withNamespace(namespace).endMetadata().withNewRoleRef()
                .withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName(role).endRoleRef()
                .addNewSubject().withKind("ServiceAccount").withName(account).withNamespace(accountNamespace).endSubject()
                .build()).serverSideApply();
    }

    @Test
    void eachCallerSeesTheModelsOfTheNamespacesRbacLetsThemRead() throws Exception {
        try (KubeApiServer server = KubeApiServer.start(); KubernetesClient admin = server.admin()) {
            for (String folder : List.of("k8s", "k8s/examples/kubernetes-auth")) {
                for (JsonNode d : Kustomize.build(folder)) {
                    if (List.of("Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition")
                            .contains(d.get("kind").asString())) {
                        admin.resource(Json.write(d)).serverSideApply();
                    }
                }
            }
            for (String ns : List.of("team-a", "team-b", "people")) {
                admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                        .serverSideApply();
            }
            bind(admin, "team-a", "alice", "people", "driftwatch-modelmonitor-editor");
            bind(admin, "team-b", "bob", "people", "driftwatch-modelmonitor-viewer");
            bind(admin, "driftwatch", "ops", "people", "driftwatch-modelmonitor-editor");
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> admin.genericKubernetesResources(MM).inAnyNamespace().list() != null);
            KubeApiServer.DefaultClient daemon = server.defaultClientAs("driftwatch", "driftwatch");
            try {
                Path config = Fixtures.config(dir, "1h", "alerts.jsonl");
                Files.writeString(config, Files.readString(config).replace("  port: 0\n",
                        "  port: 0\n  auth: kubernetes\n  namespace: driftwatch\n") + "kubernetes: {model_monitors: true}\n");
                Fixtures.writeLines(dir.resolve("reference/m.jsonl"), Fixtures.lines(500, 0, T0.minusSeconds(7200), 1));
                Fixtures.writeLines(dir.resolve("logs/m.jsonl"), Fixtures.lines(300, 0, T0, 2));
                writeLogs("team-a", "churn", 3);
                writeLogs("team-b", "fraud", 3);
                Configuration c = new ConfigurationLoader(TestRegistry.standard()).load(config);
                try (Driftwatch d = Driftwatch.start(c, new PrintStream(PrintStream.nullOutputStream()), new ManualClock(T0))) {
                    admin.genericKubernetesResources(MM).inNamespace("team-a").resource(monitor("team-a", "churn")).create();
                    admin.genericKubernetesResources(MM).inNamespace("team-b").resource(monitor("team-b", "fraud")).create();
                    await().atMost(Duration.ofSeconds(20)).until(() -> d.configuration().main().model("team-a.churn").isPresent()
                            && d.configuration().main().model("team-b.fraud").isPresent());
                    assertThat(d.evaluateNow("team-a.churn").verdict()).isEqualTo("DRIFT");
                    assertThat(d.evaluateNow("team-b.fraud").verdict()).isEqualTo("DRIFT");
                    String base = d.baseUrl();
                    String alice = server.token("people", "alice");
                    String bob = server.token("people", "bob");
                    String ops = server.token("people", "ops");

                    assertThat(get(base + "/api/v1/models", null).statusCode()).isEqualTo(401);
                    HttpResponse<String> forged = get(base + "/api/v1/models", alice.substring(0, alice.length() - 4) + "AAAA");
                    assertThat(forged.statusCode()).isEqualTo(401);
                    assertThat(forged.body()).contains("TokenReview").doesNotContain(alice.substring(0, 20));
                    assertThat(get(base + "/healthz", null).statusCode()).as("probes stay open").isEqualTo(200);
                    assertThat(get(base + "/login", null).body()).as("no sign-in form that would not work")
                            .contains("takes Kubernetes tokens").doesNotContain("action=\"/login\"");

                    assertThat(models(base, alice)).containsExactly("team-a.churn");
                    assertThat(models(base, bob)).containsExactly("team-b.fraud");
                    assertThat(models(base, ops)).containsExactly("m");
                    assertThat(get(base + "/api/v1/models/team-b.fraud/evaluations", alice).statusCode())
                            .as("a model alice may not read is unknown to her").isEqualTo(404);
                    assertThat(get(base + "/api/v1/models/team-a.churn/evaluations", alice).statusCode()).isEqualTo(200);
                    assertThat(get(base + "/models/team-b.fraud", alice).statusCode()).as("nor in the console").isEqualTo(404);

                    String aliceAlerts = get(base + "/api/v1/alerts", alice).body();
                    assertThat(aliceAlerts).contains("team-a.churn").doesNotContain("team-b.fraud");
                    assertThat(get(base + "/api/v1/alerts", bob).body()).contains("team-b.fraud").doesNotContain("team-a.churn");

                    String silence = "{\"matchers\": [\"model=\\\"team-a.churn\\\"\"], \"duration\": \"1h\", "
                            + "\"createdBy\": \"alice\", \"comment\": \"retraining\"}";
                    HttpResponse<String> refused = post(base + "/api/v1/silences", alice, silence);
                    assertThat(refused.statusCode()).isEqualTo(403);
                    assertThat(refused.body()).contains("may not update modelmonitors in Driftwatch's namespace");
                    assertThat(post(base + "/api/v1/silences", ops, silence).statusCode()).isEqualTo(201);
                    assertThat(post(base + "/-/reload", bob, "").statusCode()).isEqualTo(403);
                    assertThat(post(base + "/-/reload", ops, "").statusCode()).isEqualTo(200);

                    bind(admin, "team-a", "carol", "people", "driftwatch-modelmonitor-viewer");
                    String carol = server.token("people", "carol");
                    server.stop();
                    HttpResponse<String> down = get(base + "/api/v1/models", carol);
                    assertThat(down.statusCode()).as("an API server that cannot review is never a pass").isEqualTo(503);
                    assertThat(down.body()).contains("cannot review the token with the Kubernetes API (TokenReview)");
                    assertThat(models(base, alice)).as("a review kept a minute still answers").containsExactly("team-a.churn");
                }
            } finally {
                daemon.close();
            }
        }
    }
}
