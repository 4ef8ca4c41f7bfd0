package io.driftwatch.schedule;

import io.driftwatch.config.ScheduleConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.PersistJobDataAfterExecution;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each model's evaluation on its schedule with Quartz: one job per model, never two runs of the
 * same model at once. Alone, the job store is in memory; in a {@link Cluster} it is Quartz's clustered
 * JDBC job store in the shared PostgreSQL, so each job runs on one replica per fire, and the jobs of a
 * replica that stops checking in are recovered by another ({@code requestsRecovery}).
 *
 * <p>Interval schedules do not all fire at the same instant: the i-th of n models first fires i/n of an
 * interval after start, so a round's work is spread over the interval. A run that could not start on
 * time (every worker busy, a pause) runs late rather than being skipped; {@link Lateness} hears of each
 * late start and of the intervals it missed entirely.
 */
public final class ModelScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelScheduler.class);
    private static final String GROUP = "models";
    private static final String TASK_KEY = "task";
    private static final String INTERVAL_KEY = "interval_ms";
    /** When an interval task is next due (epoch ms): Quartz moves a misfired trigger to "now". */
    private static final String DUE_KEY = "due_ms";
    /** A start later than this counts as late. */
    static final Duration LATE_AFTER = Duration.ofSeconds(5);

    /** Hears of runs that started late, and of how many whole intervals they missed. */
    @FunctionalInterface
    public interface Lateness {
        void late(String task, Duration by, long missedIntervals);

        static Lateness ignore() {
            return (t, by, missed) -> { };
        }
    }

    /** One run of a task: when it was due, and whether it re-runs a fire whose replica died. */
    public record Fire(Instant scheduledAt, boolean recovering) {
    }

    /** A scheduled task. */
    @FunctionalInterface
    public interface Task {
        void run(Fire fire);
    }

    /**
     * The clustered job store: Quartz's tables in {@code dataSource} (PostgreSQL), this replica's name,
     * and how often it checks in.
     */
    public record Cluster(javax.sql.DataSource dataSource, String instanceId, Duration checkinInterval) {
    }

    private final Scheduler scheduler;
    private final Map<String, Task> tasks = new ConcurrentHashMap<>();
    private final Map<String, Duration> offsets = new ConcurrentHashMap<>();
    /** In a cluster, this replica's name (its tasks are registered with {@link OwnTasksJobStore}). */
    private final String instanceId;

    public ModelScheduler(int threads, Lateness lateness) throws SchedulerException {
        this(threads, lateness, null);
    }

    public ModelScheduler(int threads, Lateness lateness, Cluster cluster) throws SchedulerException {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "driftwatch");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(Math.max(1, threads)));
        p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(LATE_AFTER.toMillis()));
        p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        if (cluster == null) {
            p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        } else {
            clustered(p, cluster);
        }
        StdSchedulerFactory factory = new StdSchedulerFactory(p);
        this.scheduler = factory.getScheduler();
        scheduler.setJobFactory((bundle, s) -> new RunTask(tasks, lateness));
        if (cluster != null) {
            OwnTasksJobStore.register(cluster.instanceId(), tasks.keySet());
            this.instanceId = cluster.instanceId();
        } else {
            this.instanceId = null;
        }
    }

    private static void clustered(Properties p, Cluster cluster) {
        String ds = "driftwatch-" + cluster.instanceId();
        org.quartz.utils.DBConnectionManager.getInstance().addConnectionProvider(ds, new PooledConnections(cluster.dataSource()));
        p.setProperty("org.quartz.scheduler.instanceId", cluster.instanceId());
        p.setProperty("org.quartz.jobStore.class", OwnTasksJobStore.class.getName());
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", ds);
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(cluster.checkinInterval().toMillis()));
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        // several at a time: a fire left to other replicas (a task this one does not run) never holds up this one's
        p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", "8");
        // a trigger is acquired at most a second before it fires, so a replica that dies holds few
        p.setProperty("org.quartz.scheduler.idleWaitTime", "1000");
    }

    /** Worker threads for {@code tasks} scheduled tasks on this machine: enough to overlap I/O, bounded. */
    public static int threadsFor(int tasks) {
        int cores = Runtime.getRuntime().availableProcessors();
        return Math.max(1, Math.min(tasks, Math.max(4, Math.min(16, 2 * cores))));
    }

    public void schedule(String task, ScheduleConfig schedule, Duration offset, Runnable run) throws SchedulerException {
        schedule(task, schedule, offset, fire -> run.run());
    }

    /**
     * Schedules a task. An interval task first fires {@code offset} after now (spread it over the
     * interval); a cron task follows its expression. In a cluster, a task another replica already
     * scheduled with the same schedule keeps its trigger (and its next fire time).
     */
    public void schedule(String task, ScheduleConfig schedule, Duration offset, Task run) throws SchedulerException {
        tasks.put(task, run);
        Trigger existing = scheduler.getTrigger(TriggerKey.triggerKey(task, GROUP));
        if (existing != null && sameSchedule(existing, schedule) && existing.getNextFireTime() != null) {
            Duration until = Duration.between(Instant.now(), existing.getNextFireTime().toInstant());
            offsets.put(task, until.isNegative() ? Duration.ZERO : until);
            return;
        }
        Duration delay = schedule.isCron() ? Duration.ZERO : offset;
        offsets.put(task, delay);
        Instant first = Instant.now().plus(delay);
        JobDetail job = JobBuilder.newJob(RunTask.class).withIdentity(task, GROUP).requestRecovery(true)
                .usingJobData(TASK_KEY, task)
                .usingJobData(INTERVAL_KEY, Long.toString(schedule.nominalInterval().toMillis()))
                .usingJobData(DUE_KEY, schedule.isCron() ? "" : Long.toString(first.toEpochMilli())).build();
        TriggerBuilder<Trigger> base = TriggerBuilder.newTrigger().withIdentity(task, GROUP).forJob(job)
                .startAt(Date.from(first));
        Trigger trigger = schedule.isCron()
                ? base.withSchedule(CronScheduleBuilder.cronSchedule(schedule.cron())
                        .withMisfireHandlingInstructionFireAndProceed()).build()
                : base.withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(schedule.interval().toMillis()).repeatForever()
                        .withMisfireHandlingInstructionNowWithExistingCount()).build();
        scheduler.scheduleJob(job, Set.of(trigger), true);
    }

    private static boolean sameSchedule(Trigger t, ScheduleConfig s) {
        if (s.isCron()) {
            return t instanceof CronTrigger c && Objects.equals(c.getCronExpression(), s.cron());
        }
        return t instanceof SimpleTrigger st && st.getRepeatInterval() == s.interval().toMillis();
    }

    /** Removes the jobs of tasks no longer configured (a model taken out of the configuration). */
    public void retainOnly(Set<String> configured) throws SchedulerException {
        for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
            if (!configured.contains(key.getName())) {
                LOG.atInfo().addKeyValue("task", key.getName()).log("{} is no longer configured: its schedule is removed",
                        key.getName());
                scheduler.deleteJob(key);
            }
        }
    }

    /** The offset of the {@code index}-th of {@code count} tasks sharing {@code interval}: spread evenly. */
    public static Duration spread(int index, int count, Duration interval) {
        return count <= 1 ? Duration.ZERO : interval.multipliedBy(index).dividedBy(count);
    }

    /** How long after scheduling a task first fires (readiness waits that long for a first evaluation). */
    public Duration firstOffset(String task) {
        return offsets.getOrDefault(task, Duration.ZERO);
    }

    public void start() throws SchedulerException {
        scheduler.start();
    }

    public boolean isRunning() {
        try {
            return scheduler.isStarted() && !scheduler.isShutdown() && !scheduler.isInStandbyMode();
        } catch (SchedulerException e) {
            return false;
        }
    }

    /** Stops triggering and waits for running evaluations to finish. */
    @Override
    public void close() {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            LOG.warn("scheduler did not shut down cleanly", e);
        } finally {
            if (instanceId != null) {
                OwnTasksJobStore.unregister(instanceId);
            }
        }
    }

    /** The Quartz job: reports a late start, then looks up the task and runs it. */
    @DisallowConcurrentExecution
    @PersistJobDataAfterExecution
    static final class RunTask implements Job {
        private final Map<String, Task> tasks;
        private final Lateness lateness;

        RunTask(Map<String, Task> tasks, Lateness lateness) {
            this.tasks = tasks;
            this.lateness = lateness;
        }

        @Override
        public void execute(JobExecutionContext ctx) {
            JobDataMap data = ctx.getJobDetail().getJobDataMap();
            String task = data.getString(TASK_KEY);
            long intervalMs = Long.parseLong(data.getString(INTERVAL_KEY));
            Instant now = Instant.now();
            String dueText = data.getString(DUE_KEY);
            Date scheduled = ctx.getScheduledFireTime();
            Instant expected = dueText == null || dueText.isEmpty() || ctx.isRecovering()
                    ? (scheduled == null ? now : scheduled.toInstant()) : Instant.ofEpochMilli(Long.parseLong(dueText));
            Duration by = Duration.between(expected, now);
            boolean late = by.compareTo(LATE_AFTER) > 0;
            if (dueText != null && !dueText.isEmpty()) {
                // a late run restarts the series from now (Quartz's "fire now, keep the count"); else the grid goes on
                data.put(DUE_KEY, Long.toString((late ? now : expected).plusMillis(Math.max(1, intervalMs)).toEpochMilli()));
            }
            if (late) {
                long missed = intervalMs <= 0 ? 0 : by.toMillis() / intervalMs;
                LOG.atWarn().addKeyValue("task", task).addKeyValue("late_ms", by.toMillis())
                        .addKeyValue("missed_intervals", missed)
                        .log("{} started {} ms late ({} whole interval(s) missed)", task, by.toMillis(), missed);
                lateness.late(task, by, missed);
            }
            Task run = tasks.get(task);
            if (run != null) {
                run.run(new Fire(expected, ctx.isRecovering()));
            } else {
                LOG.atDebug().addKeyValue("task", task).log("{} is not configured on this replica", task);
            }
        }
    }
}
