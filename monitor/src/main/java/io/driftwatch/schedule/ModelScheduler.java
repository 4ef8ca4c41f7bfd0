package io.driftwatch.schedule;

import io.driftwatch.config.ScheduleConfig;
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
 * runs of the same model at once, and a missed run (the daemon was busy or paused) is skipped, not
 * replayed in a burst.
 */
public final class ModelScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelScheduler.class);
    private static final String TASK_KEY = "task";

    private final Scheduler scheduler;
    private final Map<String, Runnable> tasks = new ConcurrentHashMap<>();

    public ModelScheduler(int threads) throws SchedulerException {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "driftwatch");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(Math.max(1, threads)));
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "5000");
        p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        StdSchedulerFactory factory = new StdSchedulerFactory(p);
        this.scheduler = factory.getScheduler();
        scheduler.setJobFactory((bundle, s) -> new RunTask(tasks));
    }

    /** Schedules a model's task; the first run starts at once. */
    public void schedule(String model, ScheduleConfig schedule, Runnable task) throws SchedulerException {
        tasks.put(model, task);
        JobDetail job = JobBuilder.newJob(RunTask.class).withIdentity(model, "models")
                .usingJobData(TASK_KEY, model).build();
        TriggerBuilder<Trigger> base = TriggerBuilder.newTrigger().withIdentity(model, "models").startNow();
        Trigger trigger = schedule.isCron()
                ? base.withSchedule(CronScheduleBuilder.cronSchedule(schedule.cron())
                        .withMisfireHandlingInstructionDoNothing()).build()
                : base.withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(schedule.interval().toMillis()).repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount()).build();
        scheduler.scheduleJob(job, trigger);
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

    /** The Quartz job: looks up the model's task and runs it. */
    @DisallowConcurrentExecution
    static final class RunTask implements Job {
        private final Map<String, Runnable> tasks;

        RunTask(Map<String, Runnable> tasks) {
            this.tasks = tasks;
        }

        @Override
        public void execute(JobExecutionContext ctx) {
            String model = ctx.getMergedJobDataMap().getString(TASK_KEY);
            Runnable task = tasks.get(model);
            if (task != null) {
                task.run();
            }
        }
    }
}
