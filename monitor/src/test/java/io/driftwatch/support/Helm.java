package io.driftwatch.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Helm itself (v4, built from helm.sh/helm/v4 by .ci/run and named by {@code DRIFTWATCH_HELM}). */
public final class Helm {
    public static final Path CHART = Kustomize.REPO.resolve("charts/driftwatch");

    private Helm() {
    }

    /** What a helm command printed (out and err together) and its exit status. */
    public record Result(int status, String out) {
    }

    public static Result run(String... args) throws IOException, InterruptedException {
        String helm = CiTools.require("DRIFTWATCH_HELM", CiTools::executable, "Helm (built from helm.sh/helm/v4)");
        List<String> cmd = new ArrayList<>(List.of(helm));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("HELM_CACHE_HOME", System.getProperty("java.io.tmpdir") + "/driftwatch-helm/cache");
        pb.environment().put("HELM_CONFIG_HOME", System.getProperty("java.io.tmpdir") + "/driftwatch-helm/config");
        pb.environment().put("HELM_DATA_HOME", System.getProperty("java.io.tmpdir") + "/driftwatch-helm/data");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("helm " + String.join(" ", args)).isTrue();
        return new Result(p.exitValue(), out);
    }

    /** {@code helm template driftwatch charts/driftwatch -n driftwatch} with extra arguments, as documents. */
    public static List<JsonNode> template(String... extra) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("template", "driftwatch", CHART.toString(), "--namespace", "driftwatch"));
        args.addAll(List.of(extra));
        Result r = run(args.toArray(String[]::new));
        assertThat(r.status()).as(r.out()).isZero();
        List<JsonNode> docs = new ArrayList<>();
        for (String doc : r.out().split("(?m)^---\\s*$")) {
            JsonNode n = new YAMLMapper().readTree(doc);
            if (n != null && n.isObject() && n.has("kind")) {
                docs.add(n);
            }
        }
        return docs;
    }
}
