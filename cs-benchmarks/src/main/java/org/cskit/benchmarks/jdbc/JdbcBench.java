package org.cskit.benchmarks.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cskit.jdbc.PostgresServer;

/**
 * What the JDBC benchmarks ({@link JdbcPlaysBenchmark}, {@link JdbcStoresBenchmark},
 * {@code NightlyJdbcBenchmark}) share: their command-line arguments, and a durable PostgreSQL
 * (fsync and synchronous commit on) started for the run with a Hikari pool on it. Every one of
 * them takes {@code --pg NAME=VALUE} (any number of times: a server setting) and the system
 * property {@code cskit.bench.jdbcParams} (appended to the JDBC URL, e.g. {@code &prepareThreshold=0}).
 */
public final class JdbcBench implements AutoCloseable {
    private final PostgresServer server;
    private final HikariDataSource pool;

    private JdbcBench(PostgresServer server, HikariDataSource pool) {
        this.server = server;
        this.pool = pool;
    }

    /**
     * Starts the server and the pool.
     *
     * @param args the command line: its {@code --pg NAME=VALUE} settings are given to the server after {@code defaults}
     * @param poolSize the pool's size
     * @param defaults the benchmark's own server settings ({@code NAME=VALUE}), which {@code --pg} may override
     * @return the server with its pool; close it to stop both
     */
    public static JdbcBench start(String[] args, int poolSize, List<String> defaults) {
        List<String> settings = new ArrayList<>(defaults);
        settings.addAll(all(args, "--pg"));
        PostgresServer server = PostgresServer.start(true, settings);
        try {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(server.url("postgres") + System.getProperty("cskit.bench.jdbcParams", ""));
            config.setMaximumPoolSize(poolSize);
            return new JdbcBench(server, new HikariDataSource(config));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** @return the server */
    public PostgresServer server() {
        return server;
    }

    /** @return the pool on its {@code postgres} database */
    public HikariDataSource pool() {
        return pool;
    }

    @Override
    public void close() {
        try {
            pool.close();
        } finally {
            server.close();
        }
    }

    /**
     * An integer argument: the value after {@code name}, or the fallback when it is not given.
     *
     * @throws IllegalArgumentException if the name is last, or its value is not an integer
     */
    public static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(name)) {
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException(name + " needs a value: " + name + " N");
                }
                try {
                    return Integer.parseInt(args[i + 1]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + " must be an integer, but was '" + args[i + 1] + "'", e);
                }
            }
        }
        return fallback;
    }

    /** Whether a flag (an argument without a value) is given. */
    public static boolean flag(String[] args, String name) {
        return Arrays.asList(args).contains(name);
    }

    /**
     * Every value of an argument that may be given more than once.
     *
     * @throws IllegalArgumentException if the name is last
     */
    public static List<String> all(String[] args, String name) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(name)) {
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                values.add(args[++i]);
            }
        }
        return values;
    }
}
