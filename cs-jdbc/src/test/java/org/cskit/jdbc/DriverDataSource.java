package org.cskit.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A data source without a pool: a new connection from the driver each time. */
final class DriverDataSource extends DriverDataSourceBase {
    private final String url;

    DriverDataSource(String url) {
        this.url = url;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return DriverManager.getConnection(url);
    }
}
