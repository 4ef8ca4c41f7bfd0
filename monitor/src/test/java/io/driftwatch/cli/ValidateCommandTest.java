package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.support.Console;
import io.driftwatch.support.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    @TempDir
    Path dir;

    @Test
    void validConfigExitsZero() throws Exception {
        Path cfg = Fixtures.config(dir, "30s", "a.jsonl");
        Files.createDirectories(dir.resolve("logs"));
        Fixtures.writeLines(dir.resolve("reference/m.jsonl"), Fixtures.lines(200, 0, java.time.Instant.now(), 1));
        Console c = Console.run("validate", "--config", cfg.toString());
        assertThat(c.status()).isZero();
        assertThat(c.out()).contains("is valid: 1 model(s), 1 rule(s), 1 receiver(s)");
    }

    @Test
    void everyErrorIsPrintedWithFileLineAndKeyAndExitIsOne() throws Exception {
        Path cfg = Fixtures.config(dir, "30s", "a.jsonl");
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(cfg, Files.readString(cfg).replace("port: 0", "port: [1]").replace("window: 1h", "window: 1h\n    colour: blue"));
        Console c = Console.run("validate", "--config", cfg.toString());
        assertThat(c.status()).isEqualTo(1);
        assertThat(c.err()).contains(cfg + ":5:9: http.port").contains("http.port: expected an integer, found a list")
                .contains("models[0].colour: unknown key")
                .contains("models[0].reference.file: file " + dir.resolve("reference/m.jsonl") + " does not exist")
                .contains("3 error(s)");
    }

    @Test
    void theRepositorysExamplesAreValid() {
        Path repo = Path.of(System.getProperty("driftwatch.repo"));
        for (String example : new String[] {"alerts/routing.yaml", "alerts/examples/webhook-routing.yaml"}) {
            io.driftwatch.config.ConfigErrors errors = new io.driftwatch.config.ConfigErrors();
            assertThat(new io.driftwatch.alert.RoutingParser().parse(repo.resolve(example), example, errors)).isPresent();
            assertThat(errors.list()).as(example).isEmpty();
        }
        for (String file : new String[] {"rules/drift.yaml", "rules/examples/model-health.yaml",
            "rules/examples/data-quality.yaml"}) {
            io.driftwatch.config.ConfigErrors errors = new io.driftwatch.config.ConfigErrors();
            var rules = new io.driftwatch.rules.RuleParser(t -> io.driftwatch.drift.TestRegistry.standard().byName(t)
                    .isPresent()).parse(repo.resolve(file), file, errors);
            assertThat(errors.list()).as(file).isEmpty();
            assertThat(rules).as(file).hasSizeGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void everyCommandHasHelp() {
        for (String cmd : new String[] {"run", "validate", "drift", "demo"}) {
            Console c = Console.run(cmd, "--help");
            assertThat(c.status()).as(cmd).isZero();
            assertThat(c.out()).as(cmd).contains("Usage: driftwatch " + cmd);
        }
    }
}
