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

/** The README's minimal configuration, written exactly as shown, validates. */
class ReadmeConfigTest {
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
}
