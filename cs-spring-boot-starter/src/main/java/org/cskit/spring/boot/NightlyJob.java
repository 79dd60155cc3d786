package org.cskit.spring.boot;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cskit.playbooks.spi.ActionSink;
import org.cskit.run.NightlyReport;
import org.cskit.run.NightlyRun;
import org.cskit.run.NightlyState;
import org.cskit.run.VectorSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The starter's nightly run: cs-run's {@link NightlyRun} (features derived from the signals, scored,
 * the playbooks run against the saved play state, in slices) over the host's
 * {@link NightlyPortfolio}, with the play state in the configured store ({@link NightlyState}: the
 * play state store bean in memory, or cs-jdbc's tables, where each slice's state changes and plays
 * commit in one transaction) and the plays to the {@link ActionSink} bean (with cs-jdbc, the play
 * outbox). The portfolio is read a slice at a time and tonight's vectors are handed back to it a slice
 * at a time ({@link NightlyPortfolio#scored}): the job itself holds no column of the whole portfolio,
 * so with a portfolio that reads its slices from the host's store, the heap a night needs follows
 * {@code cskit.nightly.slice-size} and {@code cskit.nightly.threads}, not the number of accounts (the
 * play state and the score history apart). Scheduled by {@code cskit.nightly.cron} when {@code cskit.nightly.enabled} is true;
 * {@link #run} also runs it now. One run at a time (a second caller waits). Logs each run's counts
 * and stage times at INFO, nothing per account; tells each {@link Listener} (Micrometer's, when
 * there) what the run did. Thread-safe.
 */
public final class NightlyJob {
    private static final Logger LOG = LoggerFactory.getLogger(NightlyJob.class);

    private final NightlyRun run;
    private final NightlyState state;
    private final NightlyPortfolio portfolio;
    private final ActionSink sink;
    private final List<String> bandLabels;
    private final List<Listener> listeners;
    private final Clock clock;
    private volatile LastRun last;
    private volatile String lastFailure;

    /**
     * @param run the run (portfolio, deriver, strategy, playbooks, slices)
     * @param state where the play state is kept from night to night
     * @param portfolio the host's inputs
     * @param sink where plays go
     * @param bandLabels the labels of tonight's vectors (the strategy's bands)
     * @param listeners who hears of each finished run
     * @param clock the clock that stamps each run's start
     */
    public NightlyJob(NightlyRun run, NightlyState state, NightlyPortfolio portfolio, ActionSink sink, List<String> bandLabels,
            List<Listener> listeners, Clock clock) {
        this.run = Objects.requireNonNull(run, "run");
        this.state = Objects.requireNonNull(state, "state");
        this.portfolio = Objects.requireNonNull(portfolio, "portfolio");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.bandLabels = List.copyOf(bandLabels);
        this.listeners = List.copyOf(listeners);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Hears of each nightly run that finished. */
    @FunctionalInterface
    public interface Listener {
        /**
         * A run finished.
         *
         * @param report what it did, with the time per stage
         */
        void ran(NightlyReport report);
    }

    /**
     * A finished run.
     *
     * @param asOf the night's as-of time
     * @param started when it started
     * @param report what it did
     */
    public record LastRun(Instant asOf, Instant started, NightlyReport report) {}

    /**
     * Runs the night now, as of a time: asks the portfolio for tonight's inputs, runs them slice by
     * slice, handing each slice's vectors back to the portfolio ({@link NightlyPortfolio#scored}), then
     * tells the portfolio ({@link NightlyPortfolio#finished}) and the listeners.
     *
     * @param asOf the night's as-of time
     * @return what the run did
     * @throws org.cskit.model.ValidationException if the inputs are refused (before any work; see {@link NightlyRun})
     * @throws RuntimeException whatever the portfolio, the run or the store threw (also kept for {@link #lastFailure()})
     */
    public synchronized NightlyReport run(Instant asOf) {
        Instant started = clock.instant();
        try {
            NightlyInput input = portfolio.tonight(asOf);
            NightlyReport r = run.run(input.accounts(), input.signals(), input.history(), state, sink,
                    VectorSink.of(bandLabels, portfolio::scored));
            last = new LastRun(asOf, started, r);
            lastFailure = null;
            NightlyReport.Stages s = r.stagesCpu();
            LOG.info("nightly run of '{}' as of {}: {} accounts in {} slices, {} plays made, {} closed, {} suppressed, {} not taken by "
                    + "the sink, in {} ms (CPU ms: signals {}, facts {}, derive {}, score {}, playbooks {})", run.portfolio(), asOf,
                    r.accounts(), r.slices(), r.created(), r.closed(), r.suppressed(), r.failed(), r.wall().toMillis(),
                    s.signals().toMillis(), s.facts().toMillis(), s.derive().toMillis(), s.score().toMillis(), s.playbooks().toMillis());
            portfolio.finished(input, r);
            listeners.forEach(l -> l.ran(r));
            return r;
        } catch (RuntimeException e) {
            lastFailure = started + ": " + e;
            LOG.error("nightly run of '{}' as of {} failed", run.portfolio(), asOf, e);
            throw e;
        }
    }

    /** @return the cs-run configuration this job runs */
    public NightlyRun nightlyRun() {
        return run;
    }

    /** @return where the play state is kept */
    public NightlyState state() {
        return state;
    }

    /** @return the last run that finished, if any */
    public Optional<LastRun> lastRun() {
        return Optional.ofNullable(last);
    }

    /** @return the last run's failure, when the last run failed */
    public Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }
}
