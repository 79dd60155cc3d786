package org.cskit.jdbc;

import org.cskit.scoring.spi.ScoreHistory;
import org.cskit.testkit.tck.ScoreHistoryContract;

/** The contract on PostgreSQL through a driver cs-jdbc cannot COPY with: its {@code unnest} batch path. */
class PostgresUnnestScoreHistoryContractTest extends ScoreHistoryContract {
    private static final OpaqueDataSource OPAQUE = new OpaqueDataSource(Databases.postgres());
    private CsJdbc db;

    @Override
    protected ScoreHistory newHistory() {
        db = Databases.fresh(OPAQUE);
        return db.scoreHistory();
    }

    @Override
    protected ScoreHistory reopen(ScoreHistory old) {
        return CsJdbc.builder().dataSource(OPAQUE).tablePrefix(db.tablePrefix()).build().scoreHistory();
    }
}
