package org.cskit.spring.boot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.cskit.model.columns.AccountBatch;
import org.cskit.playbooks.engine.BatchResult;
import org.cskit.playbooks.engine.PlaybookEngine;
import org.cskit.playbooks.spi.ActionSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the playbooks over the host's whole portfolio: the {@link NightlyPortfolio} gives the
 * accounts as of the run's time, the engine evaluates them in parallel, and the plays go to the
 * {@link ActionSink}. Scheduled by {@code cskit.nightly.cron} when {@code cskit.nightly.enabled} is
 * true; {@link #run} also runs it now. One run at a time (a second caller waits). Logs each run's
 * counts at INFO, nothing per account. Thread-safe.
 *
 * <p>It runs the playbooks only: the host's {@link NightlyPortfolio} hands over accounts already
 * scored. The whole night (derive, score, playbooks, in slices, with a saved state) is cs-run's
 * {@code org.cskit.run.NightlyRun}, which the starter does not wire yet.
 */
public final class PortfolioPlaybookRun {
    private static final Logger LOG = LoggerFactory.getLogger(PortfolioPlaybookRun.class);

    private final PlaybookEngine engine;
    private final NightlyPortfolio portfolio;
    private final ActionSink sink;
    private final Clock clock;
    private volatile Summary last;
    private volatile String lastFailure;

    /**
     * @param engine the engine
     * @param portfolio the host's accounts
     * @param sink where plays go
     * @param clock the clock that times the run
     */
    public PortfolioPlaybookRun(PlaybookEngine engine, NightlyPortfolio portfolio, ActionSink sink, Clock clock) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.portfolio = Objects.requireNonNull(portfolio, "portfolio");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * What a run did.
     *
     * @param asOf the portfolio's time
     * @param started when the run started
     * @param took how long it took
     * @param accounts accounts evaluated
     * @param made plays delivered
     * @param closed plays closed
     * @param suppressed firings suppressed by the repeat policy
     * @param failed plays the sink did not take (offered again next run)
     */
    public record Summary(Instant asOf, Instant started, Duration took, long accounts, long made, long closed, long suppressed,
            long failed) {}

    /**
     * Runs now over the portfolio as of a time.
     *
     * @param asOf the time
     * @return what the run did
     * @throws RuntimeException whatever the portfolio or the engine threw (also kept for {@link #lastFailure()})
     */
    public synchronized Summary run(Instant asOf) {
        Instant started = clock.instant();
        try {
            AccountBatch batch = portfolio.portfolio(asOf);
            BatchResult r = engine.evaluateParallel(batch, sink);
            Summary s = new Summary(asOf, started, Duration.between(started, clock.instant()), r.rows(), r.created(), r.closed(),
                    r.suppressed(), r.failed().size());
            last = s;
            lastFailure = null;
            LOG.info("nightly run as of {}: {} accounts, {} plays made, {} closed, {} suppressed, {} not taken by the sink, in {} ms",
                    asOf, s.accounts(), s.made(), s.closed(), s.suppressed(), s.failed(), s.took().toMillis());
            return s;
        } catch (RuntimeException e) {
            lastFailure = started + ": " + e;
            LOG.error("nightly run as of {} failed", asOf, e);
            throw e;
        }
    }

    /** @return the last run that finished, if any */
    public Optional<Summary> lastRun() {
        return Optional.ofNullable(last);
    }

    /** @return the last run's failure, when the last run failed */
    public Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }
}
