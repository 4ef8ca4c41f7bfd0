package io.driftwatch.store;

import io.driftwatch.config.StoreConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDBC database: an embedded H2 file by default, any JDBC URL otherwise. The schema is created and
 * migrated at open by versioned SQL scripts (plain, portable SQL), recorded in {@code schema_version}.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** Quartz's tables for its clustered job store: Quartz's own script, applied on PostgreSQL only. */
    static final String QUARTZ_MIGRATION = "V6__quartz.sql";
    private static final String QUARTZ_TABLES = "/org/quartz/impl/jdbcjobstore/tables_postgres.sql";
    /** The migrations, in order. Never edit one that has shipped; add the next. */
    static final List<String> MIGRATIONS = List.of("V1__initial.sql", "V2__rule_last_breach.sql", "V3__outbox.sql",
            "V4__actions.sql", "V5__cluster.sql", QUARTZ_MIGRATION, "V7__evaluation_detail.sql", "V8__gate.sql",
            "V9__ingest.sql");

    /** Connections kept open: evaluations, delivery workers and the API share them. */
    static final int POOL_SIZE = 20;

    private final HikariDataSource pool;
    private final boolean postgres;
    /** When the store's transactions started failing without a success since (0: they work). */
    private final java.util.concurrent.atomic.AtomicLong failingSince = new java.util.concurrent.atomic.AtomicLong();
    /**
     * H2's codes for a database it has closed (after an I/O error, a shutdown), or opened read-only because
     * its file could not be written when it was reopened: no pooled connection works again, new ones may.
     */
    private static final java.util.Set<Integer> H2_CLOSED = java.util.Set.of(90098, 90121, 90028, 90097);

    private Database(StoreConfig config) {
        HikariConfig h = new HikariConfig();
        h.setJdbcUrl(config.jdbcUrl());
        h.setUsername(config.user());
        h.setPassword(config.password());
        h.setMaximumPoolSize(POOL_SIZE);
        h.setMinimumIdle(1);
        h.setPoolName("driftwatch-store");
        h.setConnectionTimeout(Duration.ofSeconds(30).toMillis());
        this.pool = new HikariDataSource(h);
        this.postgres = config.jdbcUrl().startsWith("jdbc:postgresql:");
    }

    /** Whether this is a PostgreSQL store: shared by replicas, with Quartz's clustered job store. */
    public boolean isPostgres() {
        return postgres;
    }

    /** The pool, for Quartz's JDBC job store. */
    public javax.sql.DataSource dataSource() {
        return pool;
    }

    /** H2's error code for a database file held by another process. */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;

    public static Database open(StoreConfig config) throws SQLException {
        Database db;
        try {
            db = new Database(config);
        } catch (RuntimeException e) { // HikariCP's PoolInitializationException: the first connection failed
            throw failedToOpen(config, e);
        }
        try {
            db.migrate();
        } catch (SQLException e) {
            db.close();
            throw failedToOpen(config, e);
        }
        return db;
    }

    private static SQLException failedToOpen(StoreConfig config, Exception e) {
        if (inUse(e)) {
            throw new io.driftwatch.util.StartupException("the store " + config.jdbcUrl()
                    .replaceFirst("^jdbc:h2:(file:)?", "").replaceFirst(";.*$", "") + ".mv.db is in use by another "
                    + "Driftwatch; stop it or set store.url (a shared PostgreSQL) or another store.path", e);
        }
        if (e instanceof SQLException s) {
            return s;
        }
        return new SQLException("cannot open the store " + config.jdbcUrl().replaceFirst(";.*$", "") + ": "
                + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
    }

    private static boolean inUse(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
                return true;
            }
        }
        return false;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** Work that runs in one transaction: committed if it returns, rolled back if it throws. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    public <T> T inTransaction(Work<T> work) throws SQLException {
        try {
            T result = transaction(work);
            failingSince.set(0);
            return result;
        } catch (SQLException e) {
            failed(e);
            throw e;
        }
    }

    private <T> T transaction(Work<T> work) throws SQLException {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        }
    }

    /**
     * Notes a failed transaction. When H2 has closed the database (it does after failed writes, e.g. a
     * full disk or a read-only file), the pool's connections are evicted so that the next one opens the
     * file again: the store comes back by itself once writes work, instead of failing for good.
     */
    private void failed(SQLException e) {
        failingSince.compareAndSet(0, System.currentTimeMillis());
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (!postgres && t instanceof SQLException s && H2_CLOSED.contains(s.getErrorCode())) {
                LOG.warn("the store was closed by H2 ({}); reopening it with the next transaction", s.getMessage());
                if (pool.getHikariPoolMXBean() != null) {
                    pool.getHikariPoolMXBean().softEvictConnections();
                }
                return;
            }
        }
    }

    /** How long transactions have failed with no success since; zero when they work. */
    public Duration failingFor() {
        long since = failingSince.get();
        return since == 0 ? Duration.ZERO : Duration.ofMillis(Math.max(0, System.currentTimeMillis() - since));
    }

    int schemaVersion() throws SQLException {
        try (Connection c = connection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The advisory lock key that serializes migrations across processes on PostgreSQL ("drftwtch"). */
    static final long MIGRATION_LOCK = 0x6472667477746368L;

    /**
     * Brings the schema to the newest version. On PostgreSQL the whole migration holds an advisory lock,
     * so replicas that start together migrate one after the other and the later ones find nothing to do
     * (H2 is one process's file, so it needs none).
     */
    private void migrate() throws SQLException {
        try (Connection lock = connection()) {
            if (postgres) {
                try (Statement s = lock.createStatement()) {
                    s.execute("SELECT pg_advisory_lock(" + MIGRATION_LOCK + ")");
                }
            }
            try {
                try (Connection c = connection(); Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY, "
                            + "script VARCHAR(200) NOT NULL, applied_at BIGINT NOT NULL)");
                }
                int current = schemaVersion();
                for (int v = current + 1; v <= MIGRATIONS.size(); v++) {
                    apply(v, MIGRATIONS.get(v - 1));
                }
            } finally {
                if (postgres) {
                    try (Statement s = lock.createStatement()) {
                        s.execute("SELECT pg_advisory_unlock(" + MIGRATION_LOCK + ")");
                    }
                }
            }
        }
    }

    private void apply(int version, String script) throws SQLException {
        String sql = !QUARTZ_MIGRATION.equals(script) ? resource("/db/migration/" + script)
                : postgres ? quartzTables(resource(QUARTZ_TABLES)) : "";
        inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                for (String stmt : statements(sql)) {
                    s.execute(stmt);
                }
                s.execute("INSERT INTO schema_version VALUES (" + version + ", '" + script + "', "
                        + System.currentTimeMillis() + ")");
            }
            return null;
        });
        LOG.info("store schema migrated to version {} ({})", version, script);
    }

    /** Quartz's script without its DROP statements and its closing COMMIT (the migration is one transaction). */
    static String quartzTables(String script) {
        return script.lines().filter(l -> !l.strip().toUpperCase(java.util.Locale.ROOT).startsWith("DROP TABLE"))
                .filter(l -> !l.strip().equalsIgnoreCase("COMMIT;")).collect(java.util.stream.Collectors.joining("\n"))
                + "\n";
    }

    /** Splits a script on semicolons at line ends, dropping comment lines. */
    static List<String> statements(String sql) {
        StringBuilder clean = new StringBuilder();
        sql.lines().filter(l -> !l.strip().startsWith("--")).forEach(l -> clean.append(l).append('\n'));
        return java.util.Arrays.stream(clean.toString().split(";\\s*\n"))
                .map(String::strip).filter(st -> !st.isEmpty()).toList();
    }

    private static String resource(String name) {
        try (InputStream in = Objects.requireNonNull(Database.class.getResourceAsStream(name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + name, e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
