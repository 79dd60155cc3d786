package org.cskit.jdbc;

import javax.sql.DataSource;

class PostgresPlayOutboxTest extends PlayOutboxBehaviour {
    @Override
    DataSource dataSource() {
        return Databases.postgres();
    }
}
