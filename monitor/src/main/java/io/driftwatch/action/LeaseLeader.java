package io.driftwatch.action;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Leader election on a coordination.k8s.io Lease with fabric8's LeaderElector. */
public final class LeaseLeader implements Leader, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseLeader.class);
    private final AtomicBoolean leader = new AtomicBoolean();
    private final CompletableFuture<?> running;

    public LeaseLeader(KubernetesClient client, String namespace, String lease, String identity) {
        var config = new LeaderElectionConfigBuilder().withName(lease)
                .withLock(new LeaseLock(namespace, lease, identity))
                .withLeaseDuration(Duration.ofSeconds(15)).withRenewDeadline(Duration.ofSeconds(10))
                .withRetryPeriod(Duration.ofSeconds(2))
                .withLeaderCallbacks(new LeaderCallbacks(() -> {
                    leader.set(true);
                    LOG.info("{} leads: actions are enabled on this replica", identity);
                }, () -> {
                    leader.set(false);
                    LOG.info("{} stopped leading: actions are disabled on this replica", identity);
                }, newLeader -> LOG.info("leader is {}", newLeader)))
                .withReleaseOnCancel(true).build();
        this.running = client.leaderElector().withConfig(config).build().start();
    }

    @Override
    public boolean isLeader() {
        return leader.get();
    }

    @Override
    public void close() {
        running.cancel(true);
        leader.set(false);
    }
}
