package io.driftwatch.schedule;

import io.driftwatch.config.ScheduleConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each model's evaluation on its schedule with Quartz (RAM job store): one job per model, never two
 * runs of the same model at once. Interval schedules do not all fire at the same instant: the i-th of n
 * models first fires i/n of an interval after start, so a round's work is spread over the interval. A
 * run that could not start on time (every worker busy, a pause) runs late rather than being skipped;
 * {@link Lateness} hears of each late start and of the intervals it missed entirely.
 */
public final class ModelScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelScheduler.class);
    private static final String TASK_KEY = "task";
    private static final String INTERVAL_KEY = "interval_ms";
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

    private final Scheduler scheduler;
    private final Map<String, Runnable> tasks = new ConcurrentHashMap<>();
    private final Map<String, Duration> offsets = new ConcurrentHashMap<>();
    /** When each task is next due: Quartz moves a misfired trigger to "now", so lateness is measured here. */
    private final Map<String, Instant> due = new ConcurrentHashMap<>();

    public ModelScheduler(int threads, Lateness lateness) throws SchedulerException {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "driftwatch");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(Math.max(1, threads)));
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(LATE_AFTER.toMillis()));
        p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        StdSchedulerFactory factory = new StdSchedulerFactory(p);
        this.scheduler = factory.getScheduler();
        scheduler.setJobFactory((bundle, s) -> new RunTask(tasks, due, lateness));
    }

    /** Worker threads for {@code tasks} scheduled tasks on this machine: enough to overlap I/O, bounded. */
    public static int threadsFor(int tasks) {
        int cores = Runtime.getRuntime().availableProcessors();
        return Math.max(1, Math.min(tasks, Math.max(4, Math.min(16, 2 * cores))));
    }

    /**
     * Schedules a task. An interval task first fires {@code offset} after now (spread it over the
     * interval); a cron task follows its expression.
     */
    public void schedule(String task, ScheduleConfig schedule, Duration offset, Runnable run) throws SchedulerException {
        tasks.put(task, run);
        Duration delay = schedule.isCron() ? Duration.ZERO : offset;
        offsets.put(task, delay);
        Instant first = Instant.now().plus(delay);
        if (!schedule.isCron()) {
            due.put(task, first);
        }
        JobDetail job = JobBuilder.newJob(RunTask.class).withIdentity(task, "models").usingJobData(TASK_KEY, task)
                .usingJobData(INTERVAL_KEY, schedule.nominalInterval().toMillis()).build();
        TriggerBuilder<Trigger> base = TriggerBuilder.newTrigger().withIdentity(task, "models")
                .startAt(Date.from(first));
        Trigger trigger = schedule.isCron()
                ? base.withSchedule(CronScheduleBuilder.cronSchedule(schedule.cron())
                        .withMisfireHandlingInstructionFireAndProceed()).build()
                : base.withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(schedule.interval().toMillis()).repeatForever()
                        .withMisfireHandlingInstructionNowWithExistingCount()).build();
        scheduler.scheduleJob(job, trigger);
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
        }
    }

    /** The Quartz job: reports a late start, then looks up the task and runs it. */
    @DisallowConcurrentExecution
    static final class RunTask implements Job {
        private final Map<String, Runnable> tasks;
        private final Map<String, Instant> due;
        private final Lateness lateness;

        RunTask(Map<String, Runnable> tasks, Map<String, Instant> due, Lateness lateness) {
            this.tasks = tasks;
            this.due = due;
            this.lateness = lateness;
        }

        @Override
        public void execute(JobExecutionContext ctx) {
            String task = ctx.getMergedJobDataMap().getString(TASK_KEY);
            long intervalMs = ctx.getMergedJobDataMap().getLong(INTERVAL_KEY);
            Instant now = Instant.now();
            Instant expected = due.get(task);
            if (expected == null) { // cron: Quartz's scheduled time is the due time
                Date scheduled = ctx.getScheduledFireTime();
                expected = scheduled == null ? now : scheduled.toInstant();
            }
            Duration by = Duration.between(expected, now);
            boolean late = by.compareTo(LATE_AFTER) > 0;
            if (due.containsKey(task)) {
                // a late run restarts the series from now (Quartz's "fire now, keep the count"); else the grid goes on
                due.put(task, (late ? now : expected).plusMillis(Math.max(1, intervalMs)));
            }
            if (late) {
                long missed = intervalMs <= 0 ? 0 : by.toMillis() / intervalMs;
                LOG.atWarn().addKeyValue("task", task).addKeyValue("late_ms", by.toMillis())
                        .addKeyValue("missed_intervals", missed)
                        .log("{} started {} ms late ({} whole interval(s) missed)", task, by.toMillis(), missed);
                lateness.late(task, by, missed);
            }
            Runnable run = tasks.get(task);
            if (run != null) {
                run.run();
            }
        }
    }
}
