package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.config.StoreConfig;
import io.driftwatch.rules.AlertState;
import io.driftwatch.rules.RuleEvaluator;
import io.driftwatch.alert.AlertStore;
import io.driftwatch.store.Database;
import io.driftwatch.rules.RuleStateStore;
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
 * The daemon as a real process: it fires an alert, SIGTERM during a cycle stops it cleanly after that
 * cycle commits, and the next start resumes with the rule state intact (the alert does not fire again).
 */
class DaemonProcessIT {
    private static final List<String> JVM = List.of("-Ddw.log.level=DEBUG");

    @TempDir
    Path dir;

    @Test
    void sigtermDuringACycleExitsCleanlyAndRuleStatesSurviveARestart() throws Exception {
        Path config = Fixtures.config(dir, "1s", "alerts.jsonl");
        Instant now = Instant.now();
        Fixtures.writeLines(dir.resolve("reference/m.jsonl"), Fixtures.lines(3000, 0, now.minusSeconds(86_400), 1));
        Fixtures.writeLines(dir.resolve("logs/m.jsonl"), Fixtures.lines(150_000, 1.0, now, 2));
        Path alerts = dir.resolve("alerts/alerts.jsonl");

        try (ChildJvm first = ChildJvm.start(dir, JVM, "run", "--config", config.toString())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(alerts) && !Files.readAllLines(alerts).isEmpty());
            long started = first.count("evaluation of m started");
            await().atMost(Duration.ofSeconds(30)).until(() -> first.count("evaluation of m started") > started);
            int status = first.terminate();
            assertThat(status).as("exit status after SIGTERM (143 = 128 + 15, the JVM's normal answer)").isIn(0, 143);
            assertThat(first.anyLine("driftwatch stopped")).as(String.join("\n", first.err())).isTrue();
            assertThat(first.count("evaluated m")).as("the cycle running at SIGTERM finished and committed")
                    .isEqualTo(first.count("evaluation of m started"));
        }
        assertThat(Files.readAllLines(alerts)).hasSize(1);

        try (ChildJvm second = ChildJvm.start(dir, JVM, "run", "--config", config.toString())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> second.count("evaluated m") >= 2);
            assertThat(second.terminate()).isIn(0, 143);
        }
        assertThat(Files.readAllLines(alerts)).as("still firing after the restart: no second notification").hasSize(1);
        StoreConfig store = new StoreConfig("jdbc:h2:file:" + dir.resolve("data/dw") + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
        try (Database db = Database.open(store)) {
            var states = new RuleStateStore(db).forModel("m");
            assertThat(states.get(RuleEvaluator.key("XShift", "m", io.driftwatch.rules.InstanceKey.parse("x"))).state()).isEqualTo(AlertState.FIRING);
            assertThat(new AlertStore(db).count("FIRING")).isEqualTo(1);
        }
    }

    @Test
    void anInvalidConfigurationIsRefusedAtStart() throws Exception {
        Path config = Fixtures.write(dir.resolve("driftwatch.yaml"), "models: 3\nalerts: nowhere.yaml\n");
        try (ChildJvm child = ChildJvm.start(dir, List.of(), "run", "--config", config.toString())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !child.isAlive());
            assertThat(child.terminate()).isEqualTo(1);
            assertThat(child.err()).anySatisfy(l -> assertThat(l).contains("driftwatch.yaml:1:9: models: expected a list"));
        }
    }
}
