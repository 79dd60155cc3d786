package org.cskit.testkit.tck;

import java.util.List;
import java.util.Optional;
import org.cskit.model.AccountSnapshot;
import org.cskit.scoring.WeightedScorecard;
import org.cskit.scoring.spi.ScoringStrategy;
import org.cskit.scoring.spi.ScoringStrategyProvider;

class WeightedScorecardContractTest extends ScoringStrategyContract {

    @Override
    protected ScoringStrategy strategy() {
        return WeightedScorecard.of(TckFixtures.scorecard("test-card"));
    }

    @Override
    protected List<AccountSnapshot> snapshots() {
        return TckFixtures.snapshots();
    }

    @Override
    protected Optional<ScoringStrategyProvider<?>> provider() {
        return Optional.of(new WeightedScorecard.Provider());
    }
}
