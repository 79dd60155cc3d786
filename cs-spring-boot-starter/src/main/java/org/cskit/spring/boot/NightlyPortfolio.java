package org.cskit.spring.boot;

import java.time.Instant;
import org.cskit.model.columns.AccountBatch;

/**
 * The host's portfolio for the nightly run: define one as a bean, and {@link PortfolioPlaybookRun} evaluates
 * the playbooks over what it returns. Called once per run, on the run's thread.
 */
@FunctionalInterface
public interface NightlyPortfolio {

    /**
     * The accounts as of a time, with their features and (for band and score triggers) their
     * vectors, as columns following the engine's feature schema.
     *
     * @param asOf the run's time
     * @return the accounts
     */
    AccountBatch portfolio(Instant asOf);
}
