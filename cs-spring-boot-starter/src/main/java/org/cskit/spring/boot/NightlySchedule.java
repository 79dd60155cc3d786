package org.cskit.spring.boot;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Objects;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.scheduling.support.CronTrigger;

/**
 * Starts the {@link NightlyJob} on its cron schedule, on a thread of its own (the host's task
 * scheduler is left alone), from the context's start to its stop. A run that fails is logged by the
 * run and the next one starts on time.
 */
public final class NightlySchedule implements SmartLifecycle {
    private final NightlyJob run;
    private final CronTrigger trigger;
    private final Clock clock;
    private final String cron;
    private ThreadPoolTaskScheduler scheduler;

    /**
     * @param run the job
     * @param cron a Spring cron expression
     * @param zone the zone it is read in
     * @param clock the clock that gives each run's as-of time
     * @throws InvalidConfigurationPropertyValueException naming {@code cskit.nightly.cron} or {@code cskit.nightly.zone}
     */
    public NightlySchedule(NightlyJob run, String cron, String zone, Clock clock) {
        this.run = Objects.requireNonNull(run, "run");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cron = cron;
        ZoneId id;
        try {
            id = ZoneId.of(zone);
        } catch (DateTimeException | NullPointerException e) {
            throw new InvalidConfigurationPropertyValueException("cskit.nightly.zone", zone, "not a time zone: " + e.getMessage());
        }
        try {
            CronExpression.parse(cron);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidConfigurationPropertyValueException("cskit.nightly.cron", cron,
                    "not a cron expression (second minute hour day-of-month month day-of-week): " + e.getMessage());
        }
        this.trigger = new CronTrigger(cron, id);
    }

    /** @return the cron expression */
    public String cron() {
        return cron;
    }

    @Override
    public synchronized void start() {
        if (scheduler == null) {
            scheduler = new ThreadPoolTaskScheduler();
            scheduler.setThreadNamePrefix("cskit-nightly-");
            scheduler.setPoolSize(1);
            scheduler.initialize();
            scheduler.schedule(() -> {
                try {
                    run.run(clock.instant());
                } catch (RuntimeException e) {
                    // logged and kept by the run; the next run starts on time
                }
            }, trigger);
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdown();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
