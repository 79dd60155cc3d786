package org.cskit.jdbc;

import org.cskit.scoring.spi.ScoreHistory;
import org.cskit.testkit.tck.ScoreHistoryContract;

class H2ScoreHistoryContractTest extends ScoreHistoryContract {
    private CsJdbc db;

    @Override
    protected ScoreHistory newHistory() {
        db = Databases.fresh(Databases.h2());
        return db.scoreHistory();
    }

    @Override
    protected ScoreHistory reopen(ScoreHistory old) {
        return CsJdbc.builder().dataSource(Databases.h2()).tablePrefix(db.tablePrefix()).build().scoreHistory();
    }
}
