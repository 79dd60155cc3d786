package org.cskit.scoring;

import org.cskit.model.AccountSnapshot;
import java.util.List;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Validate;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.ScoreHistoryColumns;
import org.cskit.model.columns.VectorColumns;
import org.cskit.model.SuccessVector;
import org.cskit.scoring.spi.ScoreSummary;
import org.cskit.scoring.spi.ScoringStrategy;
import org.cskit.scoring.spi.ScoringStrategyProvider;

/**
 * The built-in weighted-scorecard strategy: scores accounts with a {@link Scorecard}. The scorecard
 * is compiled against the features' schema the first time it meets that schema (a portfolio shares
 * one), so that each account is scored over primitive arrays. Immutable and thread-safe.
 */
public final class WeightedScorecard implements ScoringStrategy {
    /** The strategy's registered name. */
    public static final String NAME = "weighted-scorecard";

    private final Scorecard scorecard;
    // Compiled once per feature schema; the last one used is checked first (a portfolio shares one).
    private final java.util.concurrent.ConcurrentMap<FeatureSchema, ScorecardEvaluator> compiled =
            new java.util.concurrent.ConcurrentHashMap<>();
    private volatile ScorecardEvaluator last;

    private WeightedScorecard(Scorecard scorecard) {
        this.scorecard = java.util.Objects.requireNonNull(scorecard, "scorecard");
    }

    /**
     * Returns the strategy for a scorecard.
     *
     * @param scorecard the scorecard
     * @return the strategy
     */
    public static WeightedScorecard of(Scorecard scorecard) {
        return new WeightedScorecard(scorecard);
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The scorecard.
     *
     * @return the scorecard
     */
    @Override
    public Scorecard config() {
        return scorecard;
    }

    /**
     * {@inheritDoc}
     *
     * @throws org.cskit.model.ValidationException if an input reads a feature the snapshot's schema lacks
     */
    @Override
    public SuccessVector score(AccountSnapshot snapshot) {
        return evaluator(snapshot.features().schema()).score(snapshot);
    }

    /**
     * {@inheritDoc}
     *
     * @throws org.cskit.model.ValidationException if an input reads a feature the snapshot's schema lacks
     */
    @Override
    public ScoreSummary summarize(AccountSnapshot snapshot) {
        return evaluator(snapshot.features().schema()).summarize(snapshot);
    }

    /**
     * {@inheritDoc}
     *
     * <p>A loop over the columns with the compiled scorecard, allocating nothing per row: the same
     * numbers as {@link #summarize} for each row's snapshot, to the last bit.
     *
     * @throws org.cskit.model.ValidationException if an input reads a feature the batch's schema
     *     lacks, a band is not among {@code into}'s labels, or the inputs do not fit together
     */
    @Override
    public void scoreAll(AccountBatch accounts, ScoreHistoryColumns history, VectorColumns into) {
        Validate.present("accounts", accounts);
        ColumnScoring.score(accounts, history, into, List.of(evaluator(accounts.schema())), r -> 0);
    }

    ScorecardEvaluator evaluator(FeatureSchema schema) {
        ScorecardEvaluator e = last;
        if (e == null || e.schema() != schema) {
            e = compiled.computeIfAbsent(schema, s -> ScorecardEvaluator.compile(scorecard, s));
            last = e;
        }
        return e;
    }

    /**
     * Provides this strategy under {@value #NAME} to {@link ScoringStrategies}, configured by a
     * {@link Scorecard}. Registered for {@link java.util.ServiceLoader}.
     */
    public static final class Provider implements ScoringStrategyProvider<Scorecard> {
        /** Creates the provider; ServiceLoader calls this. */
        public Provider() {}

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Class<Scorecard> configType() {
            return Scorecard.class;
        }

        @Override
        public ScoringStrategy create(Scorecard config) {
            return of(config);
        }
    }

    @Override
    public String toString() {
        return NAME + "[" + scorecard.id() + " v" + scorecard.version() + "]";
    }
}
