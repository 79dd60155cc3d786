package org.cskit.testkit.tck;

import java.util.List;
import java.util.Optional;
import org.cskit.model.AccountSnapshot;
import org.cskit.scoring.SegmentedScoring;
import org.cskit.scoring.spi.ScoringStrategy;
import org.cskit.scoring.spi.ScoringStrategyProvider;

class SegmentedScoringContractTest extends ScoringStrategyContract {

    @Override
    protected ScoringStrategy strategy() {
        return SegmentedScoring.of(TckFixtures.selection());
    }

    @Override
    protected List<AccountSnapshot> snapshots() {
        return TckFixtures.snapshots();
    }

    @Override
    protected Optional<ScoringStrategyProvider<?>> provider() {
        return Optional.of(new SegmentedScoring.Provider());
    }
}
