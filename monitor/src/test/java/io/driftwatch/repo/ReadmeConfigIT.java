package io.driftwatch.repo;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.support.Console;
import io.driftwatch.support.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's minimal configuration, written exactly as shown, validates; so does the configuration
 * shipped in k8s/ with the files its ConfigMap and volumes provide in the pod.
 */
class ReadmeConfigIT {
    private static final Path REPO = Path.of(System.getProperty("driftwatch.repo"));
    private static final Pattern BLOCK = Pattern.compile("```yaml\\n# (\\S+)\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void theMinimalConfigurationValidatesAsWritten() throws Exception {
        String readme = Files.readString(REPO.resolve("README.md"));
        String section = readme.substring(readme.indexOf("### A minimal configuration"),
                readme.indexOf("### driftwatch.yaml"));
        Matcher m = BLOCK.matcher(section);
        List<String> files = new ArrayList<>();
        while (m.find()) {
            Fixtures.write(dir.resolve(m.group(1)), m.group(2));
            files.add(m.group(1));
        }
        assertThat(files).containsExactly("driftwatch.yaml", "rules.yaml", "alerts.yaml");
        Random rnd = new Random(1);
        List<String> reference = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            reference.add("{\"@timestamp\": \"" + Instant.parse("2026-11-01T00:00:00Z").plusSeconds(i) + "\", "
                    + "\"model\": \"credit-risk\", \"input\": {\"income\": " + (40_000 + rnd.nextInt(30_000))
                    + ", \"employment\": \"" + (i % 3 == 0 ? "self" : "salaried") + "\"}}");
        }
        Fixtures.writeLines(dir.resolve("reference/credit-risk.jsonl"), reference);
        Files.createDirectories(dir.resolve("logs"));
        Console c = Console.run("validate", "--config", dir.resolve("driftwatch.yaml").toString());
        assertThat(c.status()).as(c.err()).isZero();
        assertThat(c.out()).contains("1 model(s), 1 rule(s), 1 receiver(s)");
    }

    @Test
    void theShippedClusterConfigurationValidatesWithItsSecrets() throws Exception {
        Path k8s = REPO.resolve("k8s");
        String config = Files.readString(k8s.resolve("driftwatch.yaml"))
                .replace("/var/log/models", dir.resolve("models").toString());
        Fixtures.write(dir.resolve("driftwatch.yaml"), config);
        Files.copy(k8s.resolve("config/drift-rules.yaml"), dir.resolve("rules.yaml"));
        Files.copy(k8s.resolve("config/routing.yaml"), dir.resolve("routing.yaml"));
        Random rnd = new Random(2);
        List<String> reference = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            reference.add("{\"@timestamp\": \"" + Instant.parse("2026-11-01T00:00:00Z").plusSeconds(i) + "\", "
                    + "\"model\": \"credit-risk\", \"input\": {\"income\": " + (40_000 + rnd.nextInt(30_000))
                    + ", \"debt_ratio\": " + rnd.nextDouble() + ", \"employment\": \"" + (i % 3 == 0 ? "self" : "salaried")
                    + "\"}, \"prediction\": " + rnd.nextDouble() + "}");
        }
        Fixtures.writeLines(dir.resolve("models/credit-risk/reference.jsonl"), reference);
        java.util.Map<String, String> env = new java.util.HashMap<>(java.util.Map.of(
                "DRIFTWATCH_STORE_URL", "jdbc:postgresql://127.0.0.1:5432/driftwatch",
                "DRIFTWATCH_STORE_PASSWORD", "secret", "DRIFTWATCH_API_TOKEN", "token"));
        for (String line : Files.readAllLines(k8s.resolve("config/routing.yaml"))) {
            Matcher v = Pattern.compile("_env: (\\w+)").matcher(line);
            while (v.find()) {
                env.put(v.group(1), "https://hooks.example.invalid/x");
            }
        }
        try (io.driftwatch.support.ChildJvm child = io.driftwatch.support.ChildJvm.start(dir, env, List.of(),
                "validate", "--config", dir.resolve("driftwatch.yaml").toString())) {
            int status = child.waitFor(java.time.Duration.ofSeconds(60));
            assertThat(status).as(String.join("\n", child.err())).isZero();
            assertThat(String.join("\n", child.out())).contains("1 model(s)");
        }
    }
}
