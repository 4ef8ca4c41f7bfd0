package io.driftwatch.app;

import io.driftwatch.evaluation.ModelCursors;
import io.driftwatch.metrics.Metrics;
import io.driftwatch.schedule.ClusterMembers;
import io.driftwatch.store.Database;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What this replica knows of the cluster: its own name, the members the scheduler sees checking in, and
 * which replica committed each model's last evaluation; for {@code /api/v1/cluster}, {@code /readyz} and
 * the {@code driftwatch_cluster_*} metrics.
 */
final class ClusterView {
    private final String replica;
    private final ClusterMembers members;
    private final ModelCursors cursors;
    private final Metrics metrics;
    private final Clock clock;
    private final Map<String, String> published = new HashMap<>();

    ClusterView(String replica, Database db, ModelCursors cursors, Metrics metrics, Clock clock) {
        this.replica = replica;
        this.members = db.isPostgres() ? new ClusterMembers(db.dataSource()) : null;
        this.cursors = cursors;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** This replica's name: {@code DRIFTWATCH_REPLICA}, else the host name (a pod's name) and the process id. */
    static String replicaName() {
        String set = System.getenv("DRIFTWATCH_REPLICA");
        if (set != null && !set.isBlank()) {
            return set.strip();
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "driftwatch");
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    }

    String replica() {
        return replica;
    }

    /** The JSON of {@code /api/v1/cluster}; also brings the cluster metrics up to date. */
    Map<String, Object> read() throws SQLException {
        Instant now = clock.instant();
        List<Map<String, Object>> seen = new ArrayList<>();
        if (members == null) {
            seen.add(member(replica, now, null, true));
        } else {
            for (ClusterMembers.Member m : members.read(Instant.now())) {
                seen.add(member(m.name(), m.lastCheckin(), m.checkinInterval().toMillis() / 1000.0, m.alive()));
            }
        }
        List<Map<String, Object>> models = new ArrayList<>();
        for (ModelCursors.Cursor c : cursors.all()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", c.model());
            m.put("last_replica", c.replica());
            m.put("last_committed_at", c.updatedAt().toString());
            m.put("last_window_to", c.windowTo().toString());
            models.add(m);
            publish(c.model(), c.replica());
        }
        metrics.clusterMembers.set(seen.stream().filter(m -> Boolean.TRUE.equals(m.get("alive"))).count());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("replica", replica);
        out.put("store", members == null ? "h2" : "postgresql");
        out.put("scheduler", members == null ? "in-memory (one replica)" : "quartz clustered JDBC job store");
        out.put("members", seen);
        out.put("models", models);
        return out;
    }

    private static Map<String, Object> member(String name, Instant lastCheckin, Double every, boolean alive) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("last_checkin", lastCheckin.toString());
        m.put("checkin_interval_seconds", every);
        m.put("alive", alive);
        return m;
    }

    private synchronized void publish(String model, String runner) {
        String before = published.put(model, runner);
        if (before != null && !before.equals(runner)) {
            metrics.clusterLastRunner.remove(model, before);
        }
        metrics.clusterLastRunner.labelValues(model, runner).set(1);
    }
}
