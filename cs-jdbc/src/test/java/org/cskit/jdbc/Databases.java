package org.cskit.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/** The two databases the tests run on, and a fresh table prefix per store so tests share a server. */
final class Databases {
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static HikariDataSource postgres;
    private static HikariDataSource h2;
    private static Path h2File;

    private Databases() {}

    /** A pool on the shared PostgreSQL server. */
    static synchronized DataSource postgres() {
        if (postgres == null) {
            postgres = PostgresServer.shared().pool(20);
        }
        return postgres;
    }

    /** A pool on an H2 database in file mode, in a temp folder of this JVM. */
    static synchronized DataSource h2() {
        if (h2 == null) {
            h2 = h2Pool(h2File());
        }
        return h2;
    }

    static synchronized Path h2File() {
        if (h2File == null) {
            try {
                h2File = Files.createTempDirectory("cskit-h2-").resolve("cskit");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return h2File;
    }

    /** A new pool on an H2 file; the caller closes it. */
    static HikariDataSource h2Pool(Path file) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + file.toAbsolutePath() + ";LOCK_TIMEOUT=10000");
        config.setMaximumPoolSize(20);
        return new HikariDataSource(config);
    }

    /** A prefix no other store of this JVM uses. */
    static String freshPrefix() {
        return "t" + ProcessHandle.current().pid() + "_" + PREFIXES.incrementAndGet() + "_";
    }

    /** A migrated {@link CsJdbc} under a fresh prefix. */
    static CsJdbc fresh(DataSource ds) {
        CsJdbc db = CsJdbc.builder().dataSource(ds).tablePrefix(freshPrefix()).build();
        db.migrate();
        return db;
    }
}
