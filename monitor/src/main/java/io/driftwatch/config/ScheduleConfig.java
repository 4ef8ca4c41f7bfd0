package io.driftwatch.config;

import java.time.Duration;

/** When a model is evaluated: a fixed interval, or a Quartz cron expression (with seconds). */
public record ScheduleConfig(Duration interval, String cron) {

    public boolean isCron() {
        return cron != null;
    }

    /** The time between evaluations; for cron, the gap between its next two firings. */
    public Duration nominalInterval() {
        if (!isCron()) {
            return interval;
        }
        try {
            org.quartz.CronExpression e = new org.quartz.CronExpression(cron);
            java.util.Date first = e.getNextValidTimeAfter(new java.util.Date());
            java.util.Date second = e.getNextValidTimeAfter(first);
            return Duration.ofMillis(second.getTime() - first.getTime());
        } catch (java.text.ParseException | NullPointerException e) {
            return Duration.ofMinutes(1);
        }
    }
}
