package io.driftwatch.action;

import static io.driftwatch.action.ActionFixture.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.driftwatch.config.ActionConfig;
import io.driftwatch.store.Database;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.driftwatch.support.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every guard an action passes: mode, approval and its expiry, cooldown, budget, circuit breaker, leader. */
@EnableKubernetesMockClient(crud = true)
class GuardsTest {
    KubernetesClient client;

    @TempDir
    Path dir;
    private Database db;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-28T10:00:00Z"));

    @BeforeEach
    void open() throws Exception {
        db = ActionFixture.db(dir);
        ActionFixture.deployment(client, false);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private String image() {
        return client.apps().deployments().inNamespace(NS).withName("my-model").get().getSpec().getTemplate().getSpec()
                .getContainers().get(0).getImage();
    }

    private Decision fire(ActionExecutor e) throws Exception {
        e.onFiring("credit-risk", "3", "ModelDrift", Map.of("statistic", 0.41), Duration.ofMinutes(5));
        e.drain();
        return new DecisionLog(db).list("credit-risk", 1).get(0);
    }

    private static ActionConfig config(ActionConfig.Mode mode, Duration cooldown, int budget, int breaker) {
        return new ActionConfig(mode, NS, ActionFixture.undo(), null, cooldown, budget, breaker, Duration.ofMinutes(30),
                Duration.ofMillis(200));
    }

    @Test
    void aDryRunRecordsThePatchAndChangesNothing() throws Exception {
        try (ActionExecutor e = ActionFixture.executor(client, db, Leader.alone(), clock,
                config(ActionConfig.Mode.DRY_RUN, Duration.ZERO, 5, 3))) {
            Decision d = fire(e);
            assertThat(d.state()).isEqualTo(Decision.State.DRY_RUN);
            assertThat(d.patch()).contains("registry/my-model:v2");
            assertThat(d.revisionBefore()).isEqualTo("3");
            assertThat(image()).isEqualTo("registry/my-model:v3");
        }
    }

    @Test
    void anApprovalIsNeededAndExpires() throws Exception {
        try (ActionExecutor e = ActionFixture.executor(client, db, Leader.alone(), clock,
                config(ActionConfig.Mode.APPROVE, Duration.ZERO, 5, 3))) {
            Decision waiting = fire(e);
            assertThat(waiting.state()).isEqualTo(Decision.State.PENDING_APPROVAL);
            assertThat(waiting.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));
            assertThat(image()).isEqualTo("registry/my-model:v3");
            Decision approved = e.approve(waiting.id(), "ana");
            assertThat(approved.approvedBy()).isEqualTo("ana");
            e.drain();
            assertThat(image()).isEqualTo("registry/my-model:v2");
            assertThatThrownBy(() -> e.approve(waiting.id(), "bob")).isInstanceOf(ActionExecutor.ActionNotApprovable.class)
                    .hasMessageContaining("not waiting for approval");

            Decision second = fire(e);
            clock.advance(Duration.ofMinutes(31));
            e.expire();
            assertThat(new DecisionLog(db).find(second.id()).orElseThrow().state()).isEqualTo(Decision.State.EXPIRED);
            assertThatThrownBy(() -> e.approve(second.id(), "ana")).hasMessageContaining("expired");
            assertThatThrownBy(() -> e.approve(999, "ana"))
                    .satisfies(x -> assertThat(((ActionExecutor.ActionNotApprovable) x).status()).isEqualTo(404));
        }
    }

    @Test
    void cooldownAndBudgetStopFurtherActions() throws Exception {
        try (ActionExecutor e = ActionFixture.executor(client, db, Leader.alone(), clock,
                config(ActionConfig.Mode.AUTO, Duration.ofHours(1), 2, 3))) {
            Decision first = fire(e);
            assertThat(first.state()).isIn(Decision.State.SUCCEEDED, Decision.State.FAILED);
            Decision cooled = fire(e);
            assertThat(cooled.state()).isEqualTo(Decision.State.SKIPPED);
            assertThat(cooled.guard()).isEqualTo("cooldown");
            clock.advance(Duration.ofMinutes(61));
            resetTemplate();
            fire(e);
            clock.advance(Duration.ofMinutes(61));
            Decision overBudget = fire(e);
            assertThat(overBudget.guard()).isEqualTo("budget");
            assertThat(overBudget.error()).contains("2 actions in the last 24 h");
        }
    }

    private void resetTemplate() {
        var d = client.apps().deployments().inNamespace(NS).withName("my-model").get();
        d.getSpec().setTemplate(ActionFixture.template("registry/my-model:v3", null));
        client.apps().deployments().inNamespace(NS).resource(d).update();
    }

    @Test
    void repeatedFailuresOpenTheCircuitBreaker() throws Exception {
        var d = client.apps().deployments().inNamespace(NS).withName("my-model").get();
        d.getSpec().setPaused(true);
        client.apps().deployments().inNamespace(NS).resource(d).update();
        try (ActionExecutor e = ActionFixture.executor(client, db, Leader.alone(), clock,
                config(ActionConfig.Mode.AUTO, Duration.ZERO, 10, 2))) {
            assertThat(fire(e).state()).isEqualTo(Decision.State.FAILED);
            assertThat(fire(e).state()).isEqualTo(Decision.State.FAILED);
            Decision open = fire(e);
            assertThat(open.state()).isEqualTo(Decision.State.SKIPPED);
            assertThat(open.guard()).isEqualTo("circuit_breaker");
            assertThat(open.error()).contains("2 failed actions in a row").contains("a human must look");
        }
    }

    @Test
    void onlyTheLeaderActs() throws Exception {
        try (ActionExecutor e = ActionFixture.executor(client, db, () -> false, clock,
                config(ActionConfig.Mode.AUTO, Duration.ZERO, 10, 3))) {
            Decision d = fire(e);
            assertThat(d.state()).isEqualTo(Decision.State.SKIPPED);
            assertThat(d.guard()).isEqualTo("leader");
            assertThat(image()).isEqualTo("registry/my-model:v3");
        }
    }

    @Test
    void aLeaseElectsOneLeader() throws Exception {
        try (LeaseLeader a = new LeaseLeader(client, NS, "driftwatch-leader", "replica-a")) {
            await().atMost(Duration.ofSeconds(20)).until(a::isLeader);
            try (LeaseLeader b = new LeaseLeader(client, NS, "driftwatch-leader", "replica-b")) {
                assertThat(client.leases().inNamespace(NS).withName("driftwatch-leader").get().getSpec()
                        .getHolderIdentity()).isEqualTo("replica-a");
                assertThat(b.isLeader()).isFalse();
                assertThat(List.of(a.isLeader(), b.isLeader())).containsExactly(true, false);
            }
        }
    }

    @Test
    void aDecisionLeftRunningByACrashIsFailedNotRedone() throws Exception {
        DecisionLog store = new DecisionLog(db);
        Decision running = store.insert(new Decision(0, "credit-risk", Decision.Kind.ROLLBACK, "deployment-undo",
                "ModelDrift", Map.of(), Decision.State.RUNNING, null, "x", null, null, null, null, null, clock.instant(), null,
                null));
        try (ActionExecutor e = ActionFixture.executor(client, db, Leader.alone(), clock,
                config(ActionConfig.Mode.AUTO, Duration.ZERO, 10, 3))) {
            e.recover();
        }
        Decision after = store.find(running.id()).orElseThrow();
        assertThat(after.state()).isEqualTo(Decision.State.FAILED);
        assertThat(after.error()).contains("never carried out twice");
        assertThat(image()).isEqualTo("registry/my-model:v3");
    }
}
