package io.driftwatch.schedule;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The replicas the clustered scheduler sees: Quartz's own record of each member's last check-in. A
 * member is alive while its last check-in is at most two check-in intervals (plus Quartz's 7.5 s grace)
 * old; after that Quartz recovers its running jobs on another member.
 */
public final class ClusterMembers {
    /** Quartz's grace beyond a member's check-in interval before it counts the member as failed. */
    static final Duration QUARTZ_GRACE = Duration.ofMillis(7500);

    private final DataSource dataSource;

    public ClusterMembers(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One member as Quartz last saw it. */
    public record Member(String name, Instant lastCheckin, Duration checkinInterval, boolean alive) {
    }

    public List<Member> read(Instant now) throws SQLException {
        List<Member> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT instance_name, last_checkin_time, checkin_interval "
                     + "FROM qrtz_scheduler_state WHERE sched_name = 'driftwatch' ORDER BY instance_name");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Instant last = Instant.ofEpochMilli(rs.getLong(2));
                Duration every = Duration.ofMillis(rs.getLong(3));
                boolean alive = !now.isAfter(last.plus(every.multipliedBy(2)).plus(QUARTZ_GRACE));
                out.add(new Member(rs.getString(1), last, every, alive));
            }
        }
        return out;
    }
}
