package io.driftwatch.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** {@code kubectl kustomize} of a folder of the repository, as documents (skipped where kubectl is missing). */
public final class Kustomize {
    public static final Path REPO = Path.of(System.getProperty("driftwatch.repo"));

    private Kustomize() {
    }

    public static List<JsonNode> build(String dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/kubectl")) || Files.isExecutable(Path.of("/usr/local/bin/kubectl")),
                "kubectl is not installed");
        Process p = new ProcessBuilder("kubectl", "kustomize", REPO.resolve(dir).toString()).redirectErrorStream(true)
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
