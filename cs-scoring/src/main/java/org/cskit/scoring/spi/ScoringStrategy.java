package org.cskit.scoring.spi;

import org.cskit.model.AccountSnapshot;
import org.cskit.model.SuccessVector;

/**
 * Turns an account's snapshot into a {@link SuccessVector}. Implementations must be pure (the same
 * snapshot gives an equal vector, nothing outside the snapshot is read), thread-safe (one instance
 * scores many accounts at once), and honest: the vector's contributions add up to its score and its
 * coverage says how much of the weight rested on real data.
 */
public interface ScoringStrategy {

    /**
     * The strategy's kind, such as {@code weighted-scorecard}; the name its provider registers.
     *
     * @return the name
     */
    String name();

    /**
     * The strategy's configuration: an immutable value that the provider's config type reads back
     * from JSON, so that the strategy can be rebuilt or derived.
     *
     * @return the configuration
     */
    Object config();

    /**
     * Scores one account.
     *
     * @param snapshot the account as of a time
     * @return the vector, with its contributions
     * @throws org.cskit.model.ValidationException if the snapshot lacks a feature the strategy needs
     */
    SuccessVector score(AccountSnapshot snapshot);

    /**
     * Scores one account without the explanation. The default builds the whole vector; strategies
     * override it when they can do less work.
     *
     * @param snapshot the account as of a time
     * @return the summary, equal to the vector's fields
     */
    default ScoreSummary summarize(AccountSnapshot snapshot) {
        SuccessVector v = score(snapshot);
        return new ScoreSummary(v.score(), v.band(), v.direction(), v.velocity(), v.coverage());
    }
}
