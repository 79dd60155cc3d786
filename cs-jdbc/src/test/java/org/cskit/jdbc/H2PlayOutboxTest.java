package org.cskit.jdbc;

import javax.sql.DataSource;

class H2PlayOutboxTest extends PlayOutboxBehaviour {
    @Override
    DataSource dataSource() {
        return Databases.h2();
    }
}
