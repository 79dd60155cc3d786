package org.cskit.jdbc;

import org.cskit.scoring.spi.ScoreHistory;
import org.cskit.testkit.tck.ScoreHistoryContract;

class PostgresScoreHistoryContractTest extends ScoreHistoryContract {
    private CsJdbc db;

    @Override
    protected ScoreHistory newHistory() {
        db = Databases.fresh(Databases.postgres());
        return db.scoreHistory();
    }

    @Override
    protected ScoreHistory reopen(ScoreHistory old) {
        return CsJdbc.builder().dataSource(Databases.postgres()).tablePrefix(db.tablePrefix()).build().scoreHistory();
    }
}
