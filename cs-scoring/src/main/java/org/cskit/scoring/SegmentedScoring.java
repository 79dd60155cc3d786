package org.cskit.scoring;

import java.util.IdentityHashMap;
import java.util.Map;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.SuccessVector;
import org.cskit.scoring.spi.ScoreSummary;
import org.cskit.scoring.spi.ScoringStrategy;
import org.cskit.scoring.spi.ScoringStrategyProvider;

/**
 * The built-in composite strategy: scores each account with the scorecard its segment and
 * lifecycle stage select ({@link ScorecardSelection}, whose precedence rule applies). Vectors
 * record the scorecard that was used. Immutable and thread-safe.
 */
public final class SegmentedScoring implements ScoringStrategy {
    /** The strategy's registered name. */
    public static final String NAME = "segmented";

    private final ScorecardSelection selection;
    private final Map<Scorecard, WeightedScorecard> strategies = new IdentityHashMap<>();

    private SegmentedScoring(ScorecardSelection selection) {
        this.selection = selection;
        strategies.put(selection.defaultScorecard(), WeightedScorecard.of(selection.defaultScorecard()));
        for (ScorecardSelection.Assignment a : selection.assignments()) {
            strategies.computeIfAbsent(a.scorecard(), WeightedScorecard::of);
        }
    }

    /**
     * Returns the strategy for a selection.
     *
     * @param selection the selection
     * @return the strategy
     */
    public static SegmentedScoring of(ScorecardSelection selection) {
        return new SegmentedScoring(java.util.Objects.requireNonNull(selection, "selection"));
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The selection.
     *
     * @return the selection
     */
    @Override
    public ScorecardSelection config() {
        return selection;
    }

    @Override
    public SuccessVector score(AccountSnapshot snapshot) {
        return strategyFor(snapshot).score(snapshot);
    }

    @Override
    public ScoreSummary summarize(AccountSnapshot snapshot) {
        return strategyFor(snapshot).summarize(snapshot);
    }

    /**
     * Provides this strategy under {@value #NAME} to {@link ScoringStrategies}, configured by a
     * {@link ScorecardSelection}. Registered for {@link java.util.ServiceLoader}.
     */
    public static final class Provider implements ScoringStrategyProvider<ScorecardSelection> {
        /** Creates the provider; ServiceLoader calls this. */
        public Provider() {}

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Class<ScorecardSelection> configType() {
            return ScorecardSelection.class;
        }

        @Override
        public ScoringStrategy create(ScorecardSelection config) {
            return of(config);
        }
    }

    private WeightedScorecard strategyFor(AccountSnapshot snapshot) {
        return strategies.get(selection.select(snapshot.segment().name(), snapshot.lifecycleStage()));
    }
}
