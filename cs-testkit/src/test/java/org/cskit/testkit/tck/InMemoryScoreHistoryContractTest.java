package org.cskit.testkit.tck;

import org.cskit.scoring.InMemoryScoreHistory;
import org.cskit.scoring.spi.ScoreHistory;

class InMemoryScoreHistoryContractTest extends ScoreHistoryContract {

    @Override
    protected ScoreHistory newHistory() {
        return InMemoryScoreHistory.create();
    }
}
