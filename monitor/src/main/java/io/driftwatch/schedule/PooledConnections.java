package io.driftwatch.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;

/** Quartz's JDBC job store takes its connections from the store's pool; the pool is closed by its owner. */
final class PooledConnections implements ConnectionProvider {
    private final DataSource dataSource;

    PooledConnections(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void shutdown() {
        // the store's pool outlives the scheduler
    }

    @Override
    public void initialize() {
        // nothing to set up
    }
}
