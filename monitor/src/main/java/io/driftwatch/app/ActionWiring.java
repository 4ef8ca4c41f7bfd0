package io.driftwatch.app;

import io.driftwatch.action.ActionNotices;

import io.driftwatch.action.ActionExecutor;
import io.driftwatch.action.Leader;
import io.driftwatch.action.LeaseLeader;
import io.driftwatch.alert.outbox.AlertSink;
import io.driftwatch.config.DriftwatchConfig;
import io.driftwatch.config.ModelConfig;
import io.driftwatch.metrics.Metrics;
import io.driftwatch.action.DecisionLog;
import io.driftwatch.store.Database;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the action stage when some model has {@code actions}, on the daemon's Kubernetes client: leader election on a Lease when {@code kubernetes.lease}
 * is set, the executor, and a timer that expires approvals.
 */
final class ActionWiring implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ActionWiring.class);

    final ActionExecutor executor;
    private final LeaseLeader lease;
    private final ScheduledExecutorService timer;

    private ActionWiring(ActionExecutor executor, LeaseLeader lease, ScheduledExecutorService timer) {
        this.executor = executor;
        this.lease = lease;
        this.timer = timer;
    }

    /** Null when no model has actions. */
    static ActionWiring create(DriftwatchConfig main, KubernetesClient client, Database db, AlertSink sink,
                               Metrics metrics, Clock clock, String url) throws SQLException {
        if (main.models().stream().noneMatch(m -> m.actions().isPresent())) {
            return null;
        }
        LeaseLeader lease = null;
        Leader leader = Leader.alone();
        if (main.kubernetes() != null && main.kubernetes().lease() != null) {
            String identity = System.getenv().getOrDefault("HOSTNAME", "driftwatch");
            lease = new LeaseLeader(client, main.kubernetes().leaseNamespace(), main.kubernetes().lease(), identity);
            leader = lease;
        }
        ActionExecutor executor = new ActionExecutor(client, new DecisionLog(db), leader,
                new ActionNotices(sink, clock, url), metrics, clock, main.models());
        executor.recover();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "driftwatch-approvals");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                executor.expire();
            } catch (SQLException | RuntimeException e) {
                LOG.warn("cannot expire approvals: {}", e.getMessage());
            }
        }, 30, 30, TimeUnit.SECONDS);
        LOG.info("actions enabled for {} through {}", main.models().stream().filter(m -> m.actions().isPresent())
                .map(ModelConfig::name).toList(), client.getMasterUrl());
        return new ActionWiring(executor, lease, timer);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        executor.close();
        if (lease != null) {
            lease.close();
        }
    }
}
