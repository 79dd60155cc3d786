package org.cskit.scoring;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.LifecycleStage;
import org.cskit.model.Segment;
import org.cskit.model.SuccessVector;
import org.cskit.model.Validate;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.ScoreHistoryColumns;
import org.cskit.model.columns.VectorColumns;
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
     * {@inheritDoc}
     *
     * <p>A loop over the columns: each row with the compiled scorecard its segment and stage select
     * (worked out once per segment and stage), allocating nothing per row; the same numbers as
     * {@link #summarize} for each row's snapshot, to the last bit.
     *
     * @throws org.cskit.model.ValidationException if a scorecard reads a feature the batch's schema
     *     lacks, a band is not among {@code into}'s labels, or the inputs do not fit together
     */
    @Override
    public void scoreAll(AccountBatch accounts, ScoreHistoryColumns history, VectorColumns into) {
        Validate.present("accounts", accounts);
        List<Segment> segments = accounts.segments();
        LifecycleStage[] stages = LifecycleStage.values();
        List<ScorecardEvaluator> evaluators = new ArrayList<>();
        Map<Scorecard, Integer> index = new IdentityHashMap<>();
        byte[] segmentCodes = accounts.segmentCodes();
        byte[] stageCodes = accounts.stageCodes();
        int fixedStage = stageCodes == null ? accounts.fixedStage().ordinal() : -1;
        // Only the segments and stages that occur: a scorecard no row selects need not fit the schema.
        int[][] chosen = new int[segments.size()][stages.length];
        for (int r = accounts.offset(), end = r + accounts.size(); r < end; r++) {
            chosen[segmentCodes == null ? 0 : segmentCodes[r]][fixedStage >= 0 ? fixedStage : stageCodes[r]] = 1;
        }
        for (int s = 0; s < segments.size(); s++) {
            for (int g = 0; g < stages.length; g++) {
                if (chosen[s][g] == 0) {
                    continue;
                }
                Scorecard card = selection.select(segments.get(s).name(), stages[g]);
                Integer e = index.get(card);
                if (e == null) {
                    e = evaluators.size();
                    index.put(card, e);
                    evaluators.add(strategies.get(card).evaluator(accounts.schema()));
                }
                chosen[s][g] = e;
            }
        }
        ColumnScoring.score(accounts, history, into, evaluators, r -> chosen[segmentCodes == null ? 0 : segmentCodes[r]]
                [fixedStage >= 0 ? fixedStage : stageCodes[r]]);
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
