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

    /**
     * Each model block of "Where predictions come from" validates as written (node logs, the ingest store,
     * Kafka with TLS and SASL), with its absolute paths moved under a temporary folder.
     */
    @Test
    void theSourceExamplesValidateAsWritten() throws Exception {
        String readme = Files.readString(REPO.resolve("README.md"));
        String section = readme.substring(readme.indexOf("### Where predictions come from"),
                readme.indexOf("### Rules (`rules/*.yaml`)"));
        Matcher m = Pattern.compile("```yaml\\n# driftwatch.yaml \\(models\\)\\n(.*?)```", Pattern.DOTALL).matcher(section);
        Path root = dir.resolve("root");
        Fixtures.write(root.resolve("etc/kafka/ca.pem"), "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
        Fixtures.write(root.resolve("etc/kafka/password"), "secret\n");
        Files.createDirectories(root.resolve("var/log/containers"));
        Fixtures.write(dir.resolve("alerts.yaml"), "route: {receiver: log}\nreceivers:\n  - name: log\n    console: {}\n");
        List<String> models = new ArrayList<>();
        while (m.find()) {
            String block = m.group(1).replace("/etc/kafka", root.resolve("etc/kafka").toString())
                    .replace("/var/log/containers", root.resolve("var/log/containers").toString());
            String name = block.substring(block.indexOf("- name: ") + 8, block.indexOf('\n', block.indexOf("- name: ")));
            List<String> reference = new ArrayList<>();
            Random rnd = new Random(2);
            for (int i = 0; i < 120; i++) {
                reference.add("{\"@timestamp\": \"2026-11-01T00:00:00Z\", \"input\": {\"tenure\": " + rnd.nextInt(72)
                        + ", \"contract\": \"monthly\", \"petal_length\": " + rnd.nextDouble() + ", \"petal_width\": "
                        + rnd.nextDouble() + ", \"amount\": " + rnd.nextInt(500) + "}}");
            }
            Fixtures.writeLines(dir.resolve("reference/" + name + ".jsonl"), reference);
            Fixtures.write(dir.resolve(name + ".yaml"), "store: {path: data/dw}\nalerts: alerts.yaml\n" + block);
            var c = new io.driftwatch.app.ConfigurationLoader(io.driftwatch.drift.TestRegistry.standard(),
                    v -> v.equals("KAFKA_USER") ? "driftwatch" : System.getenv(v)).load(dir.resolve(name + ".yaml"));
            models.add(c.main().models().get(0).source().type());
        }
        assertThat(models).containsExactly("file", "store", "kafka");
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
