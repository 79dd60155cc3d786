package org.cskit.scoring;

import java.util.List;
import java.util.Objects;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.SuccessVector;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.ScoreHistoryColumns;
import org.cskit.model.columns.VectorColumns;
import org.cskit.scoring.spi.ScoreSummary;
import org.cskit.scoring.spi.ScoringListener;
import org.cskit.scoring.spi.ScoringReport;
import org.cskit.scoring.spi.ScoringStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scoring strategy that tells a {@link ScoringListener} what each call did: one report per account
 * scored ({@link #score}, {@link #summarize}) and one per batch ({@link #scoreAll}, its bands counted
 * from the written band codes after the strategy's own loop), with the time the call took. Scores are
 * the wrapped strategy's, unchanged. Logs each account's band at TRACE
 * ({@code org.cskit.scoring.ObservedScoring}). Immutable and thread-safe if the strategy and the
 * listener are.
 *
 * <pre>{@code
 * ScoringStrategy strategy = ObservedScoring.of(WeightedScorecard.of(card), "enterprise", metrics::record);
 * }</pre>
 */
public final class ObservedScoring implements ScoringStrategy {
    private static final Logger LOG = LoggerFactory.getLogger(ObservedScoring.class);

    private final ScoringStrategy strategy;
    private final String name;
    private final ScoringListener listener;

    private ObservedScoring(ScoringStrategy strategy, String name, ScoringListener listener) {
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.name = Objects.requireNonNull(name, "name");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Wraps a strategy.
     *
     * @param strategy the strategy that scores
     * @param name the name the reports carry, such as the configured strategy's key; keep the names few
     *     (one per configured strategy), since metrics are tagged with them
     * @param listener who hears
     * @return the observed strategy
     */
    public static ObservedScoring of(ScoringStrategy strategy, String name, ScoringListener listener) {
        return new ObservedScoring(strategy, name, listener);
    }

    /** @return the wrapped strategy */
    public ScoringStrategy strategy() {
        return strategy;
    }

    @Override
    public String name() {
        return strategy.name();
    }

    @Override
    public Object config() {
        return strategy.config();
    }

    @Override
    public SuccessVector score(AccountSnapshot snapshot) {
        long start = System.nanoTime();
        SuccessVector v = strategy.score(snapshot);
        one(snapshot, v.band().label(), v.score(), start);
        return v;
    }

    @Override
    public ScoreSummary summarize(AccountSnapshot snapshot) {
        long start = System.nanoTime();
        ScoreSummary s = strategy.summarize(snapshot);
        one(snapshot, s.band().label(), s.score(), start);
        return s;
    }

    private void one(AccountSnapshot snapshot, String band, double score, long start) {
        listener.scored(ScoringReport.of(name, ScoringReport.Kind.ACCOUNT, System.nanoTime() - start, List.of(band), new long[] {1}));
        if (LOG.isTraceEnabled()) {
            LOG.trace("account '{}' scored {} ({}) by '{}'", snapshot.accountId().value(), score, band, name);
        }
    }

    @Override
    public void scoreAll(AccountBatch accounts, ScoreHistoryColumns history, VectorColumns into) {
        long start = System.nanoTime();
        strategy.scoreAll(accounts, history, into);
        long nanos = System.nanoTime() - start;
        long[] counts = new long[into.bandLabels().size()];
        byte[] codes = into.bandCodes();
        for (int r = accounts.offset(), end = r + accounts.size(); r < end; r++) {
            counts[codes[r]]++;
        }
        listener.scored(ScoringReport.of(name, ScoringReport.Kind.BATCH, nanos, into.bandLabels(), counts));
    }

    @Override
    public String toString() {
        return "ObservedScoring[" + name + ": " + strategy + "]";
    }
}
