package org.cskit.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.cskit.testkit.tck.PlayStateStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The play state TCK on H2 in file mode. Reopening closes the pool, which closes the database
 * (the file is all that is left), and opens a new pool on the same file.
 */
class H2PlayStateStoreContractTest extends PlayStateStoreContract<JdbcPlayStateStore> {
    @TempDir
    Path folder;
    private HikariDataSource pool;
    private String prefix;

    @Override
    protected JdbcPlayStateStore newStore() {
        pool = Databases.h2Pool(folder.resolve("state"));
        CsJdbc db = Databases.fresh(pool);
        prefix = db.tablePrefix();
        return db.playStateStore();
    }

    @Override
    protected JdbcPlayStateStore reopen(JdbcPlayStateStore store) {
        pool.close();
        pool = Databases.h2Pool(folder.resolve("state"));
        return CsJdbc.builder().dataSource(pool).tablePrefix(prefix).build().playStateStore();
    }

    @AfterEach
    void close() {
        pool.close();
    }
}
