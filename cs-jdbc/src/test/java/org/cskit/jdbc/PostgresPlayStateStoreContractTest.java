package org.cskit.jdbc;

import org.cskit.testkit.tck.PlayStateStoreContract;

/** The play state TCK on the real PostgreSQL server; reopening is a new {@link CsJdbc} on the same tables. */
class PostgresPlayStateStoreContractTest extends PlayStateStoreContract<JdbcPlayStateStore> {
    private CsJdbc db;

    @Override
    protected JdbcPlayStateStore newStore() {
        db = Databases.fresh(Databases.postgres());
        return db.playStateStore();
    }

    @Override
    protected JdbcPlayStateStore reopen(JdbcPlayStateStore store) {
        return CsJdbc.builder().dataSource(Databases.postgres()).tablePrefix(db.tablePrefix()).build().playStateStore();
    }
}
