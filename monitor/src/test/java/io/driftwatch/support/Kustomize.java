package io.driftwatch.support;

import static org.assertj.core.api.Assertions.assertThat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code kustomize build} (what {@code kubectl kustomize} runs) of a folder of the repository, as documents; kustomize
 * is built by .ci/run from its Go module and named in {@code DRIFTWATCH_KUSTOMIZE}.
 */
public final class Kustomize {
    public static final Path REPO = Path.of(System.getProperty("driftwatch.repo"));

    private Kustomize() {
    }

    public static List<JsonNode> build(String dir) throws Exception {
        String kustomize = CiTools.require("DRIFTWATCH_KUSTOMIZE", CiTools::executable, "kustomize");
        Process p = new ProcessBuilder(kustomize, "build", REPO.resolve(dir).toString()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        List<JsonNode> docs = new ArrayList<>();
        for (String doc : out.split("(?m)^---$")) {
            if (!doc.isBlank()) {
                docs.add(new YAMLMapper().readTree(doc));
            }
        }
        return docs;
    }

    public static JsonNode one(List<JsonNode> docs, String kind, String name) {
        return docs.stream().filter(d -> d.get("kind").asString().equals(kind)
                && d.get("metadata").get("name").asString().startsWith(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }
}
