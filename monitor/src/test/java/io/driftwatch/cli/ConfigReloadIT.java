package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.support.ChildJvm;
import io.driftwatch.support.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGHUP reloads the built jar's daemon as Prometheus reloads: a bad file is refused with its place and the
 * running configuration goes on; a good one adds a model at once while the alert that fired before is not
 * sent again.
 */
class ConfigReloadIT {
    @TempDir
    Path dir;

    @Test
    void sighupReloadsTheConfigurationKeepingTheFiringAlert() throws Exception {
        Path config = Fixtures.config(dir, "1s", "alerts.jsonl");
        Instant now = Instant.now();
        Fixtures.write(dir.resolve("rules/drift.yaml"), Files.readString(dir.resolve("rules/drift.yaml")).replace("for: 2", "for: 1"));
        Fixtures.writeLines(dir.resolve("reference/m.jsonl"), Fixtures.lines(1000, 0, now.minusSeconds(86_400), 1));
        Fixtures.writeLines(dir.resolve("logs/m.jsonl"), Fixtures.lines(2000, 1.0, now, 2));
        Path alerts = dir.resolve("alerts/alerts.jsonl");
        String good = Files.readString(config);
        try (ChildJvm d = ChildJvm.start(dir, List.of(), "run", "--config", config.toString())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(alerts) && !Files.readAllLines(alerts).isEmpty());

            Files.writeString(config, good.replace("    window: 1h", "    window: 1hour"));
            d.hangUp();
            await().atMost(Duration.ofSeconds(30)).until(() -> d.anyLine("reload refused"));
            assertThat(String.join("\n", d.err())).contains(config + ":", "models[0].window");
            long before = d.count("evaluated m");
            await().atMost(Duration.ofSeconds(30)).until(() -> d.count("evaluated m") > before + 2);

            Fixtures.writeLines(dir.resolve("logs/m2.jsonl"), Fixtures.lines(500, 0, now, 3).stream()
                    .map(l -> l.replace("\"model\":\"m\"", "\"model\":\"m2\"")).toList());
            String second = good.substring(good.indexOf("  - name: m\n")).replace("  - name: m\n", "  - name: m2\n")
                    .replace("logs/m.jsonl*", "logs/m2.jsonl");
            Fixtures.writeLines(dir.resolve("reference/m2.jsonl"), Fixtures.lines(1000, 0, now.minusSeconds(86_400), 1)
                    .stream().map(l -> l.replace("\"model\":\"m\"", "\"model\":\"m2\"")).toList());
            Files.writeString(config, good + second.replace("reference/m.jsonl", "reference/m2.jsonl"));
            d.hangUp();
            await().atMost(Duration.ofSeconds(30)).until(() -> d.anyLine("configuration reloaded (sighup): added [m2]"));
            await().atMost(Duration.ofSeconds(30)).until(() -> d.count("evaluated m2") >= 2);
            long afterReload = d.count("evaluated m");
            await().atMost(Duration.ofSeconds(30)).until(() -> d.count("evaluated m") > afterReload + 2);
            assertThat(d.terminate()).isIn(0, 143);
        }
        assertThat(Files.readAllLines(alerts)).as("firing across both reloads: one notification").hasSize(1);
    }
}
