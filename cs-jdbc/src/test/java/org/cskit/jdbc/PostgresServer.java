package org.cskit.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests and benchmarks: Debian's (or any) PostgreSQL binaries, a new
 * data directory under the system temp folder, a free loopback port, trust authentication for the
 * user {@code cskit}, no Unix socket. {@code initdb} and {@code postgres} refuse to run as root,
 * so as root (CI and this project's machines) both run as the {@code postgres} user through
 * {@code runuser}, and the data directory is handed to that user.
 *
 * <p>The binaries are found in {@code $CSKIT_PG_BIN}, else the newest {@code /usr/lib/postgresql/N/bin},
 * else on the {@code PATH}. {@code .ci/run} installs them with {@code apt-get install -y postgresql}.
 * Without them the tests fail with a message saying so: they are never replaced by a fake.
 */
public final class PostgresServer implements AutoCloseable {
    private static PostgresServer shared;

    private final Path dir;
    private final Path bin;
    private final int port;
    private final Process process;
    private final boolean asPostgresUser;
    private final List<HikariDataSource> pools = new ArrayList<>();

    private PostgresServer(Path dir, Path bin, int port, Process process, boolean asPostgresUser) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
        this.process = process;
        this.asPostgresUser = asPostgresUser;
    }

    /**
     * The server shared by every test of this JVM, started on first use (with fsync off: the
     * tests kill client JVMs, not the server) and stopped when the JVM exits.
     */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = start(false);
            PostgresServer s = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "cskit-postgres-stop"));
        }
        return shared;
    }

    /**
     * Starts a server.
     *
     * @param durable fsync and synchronous commit on (PostgreSQL's defaults), for benchmarks of durable writes
     */
    public static PostgresServer start(boolean durable) {
        return start(durable, List.of());
    }

    /**
     * Starts a server with more settings, each {@code name=value} given to {@code postgres -c}
     * (for example {@code shared_preload_libraries=pg_stat_statements} to see where a benchmark's
     * server time goes).
     *
     * @param durable fsync and synchronous commit on (PostgreSQL's defaults), for benchmarks of durable writes
     * @param settings server settings, {@code name=value} each
     */
    public static PostgresServer start(boolean durable, List<String> settings) {
        for (String setting : settings) {
            if (setting.indexOf('=') < 1) {
                throw new IllegalArgumentException("setting must be name=value, but was '" + setting + "'");
            }
        }
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = Files.createTempDirectory("cskit-pg-");
            if (root) {
                UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
                Files.setOwner(dir, postgres);
            }
            Path data = dir.resolve("data");
            run(root, List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "cskit", "--auth=trust",
                    "-E", "UTF8", "--no-locale", "--no-sync"), dir.resolve("initdb.log"), dir);
            IOException last = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                int port = freePort();
                List<String> cmd = new ArrayList<>(command(root, List.of(bin.resolve("postgres").toString(), "-D", data.toString(),
                        "-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
                        "-c", "max_connections=200", "-c", "shared_buffers=256MB", "-c", "max_wal_size=4GB")));
                if (!durable) {
                    cmd.addAll(List.of("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
                }
                for (String setting : settings) {
                    cmd.addAll(List.of("-c", setting));
                }
                Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("postgres-" + port + ".log").toFile()).start();
                PostgresServer server = new PostgresServer(dir, bin, port, p, root);
                if (server.awaitReady(Duration.ofSeconds(60))) {
                    return server;
                }
                last = new IOException("PostgreSQL did not start on port " + port + ": " + tail(dir.resolve("postgres-" + port + ".log")));
                p.destroyForcibly();
            }
            throw last;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start PostgreSQL from " + bin + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting PostgreSQL", e);
        }
    }

    /** The JDBC URL of a database on this server. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=cskit";
    }

    /** A new pool on the {@code postgres} database, closed with the server. */
    public synchronized HikariDataSource pool(int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url("postgres"));
        config.setMaximumPoolSize(size);
        config.setPoolName("cskit-test-pg-" + pools.size());
        HikariDataSource pool = new HikariDataSource(config);
        pools.add(pool);
        return pool;
    }

    /**
     * CPU time used so far by the server's processes alive now (postmaster, background workers and
     * the backends of open connections), in nanoseconds: for benchmarks, the difference over a run
     * whose connections stay open is the server's share of the work.
     */
    public long cpuNanos() {
        return process.toHandle().descendants().mapToLong(h -> h.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
                .sum();
    }

    /**
     * As {@link #cpuNanos()}, by kind of process: {@code backend} for the connections' processes,
     * else the process's title ({@code walwriter}, {@code checkpointer}, {@code autovacuum launcher},
     * ...), read from {@code /proc} on Linux (empty elsewhere).
     */
    public java.util.Map<String, Long> cpuNanosByKind() {
        java.util.Map<String, Long> by = new java.util.TreeMap<>();
        process.toHandle().descendants().forEach(h -> {
            try {
                String title = Files.readString(Path.of("/proc", Long.toString(h.pid()), "cmdline")).replace('\0', ' ').trim();
                String kind = title.startsWith("postgres: ") ? title.substring("postgres: ".length()) : title;
                if (kind.contains("(") || kind.startsWith("cskit ")) {
                    kind = "backend";
                } else if (kind.startsWith("/")) {
                    kind = "postmaster";
                }
                by.merge(kind, h.info().totalCpuDuration().map(Duration::toNanos).orElse(0L), Long::sum);
            } catch (IOException | RuntimeException e) {
                // A process that ended meanwhile.
            }
        });
        return by;
    }

    /** The port the server listens on. */
    public int port() {
        return port;
    }

    private boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            try (Connection c = DriverManager.getConnection(url("postgres"))) {
                return c.isValid(5);
            } catch (SQLException e) {
                Thread.sleep(50);
            }
        }
        return false;
    }

    @Override
    public synchronized void close() {
        pools.forEach(HikariDataSource::close);
        pools.clear();
        if (process.isAlive()) {
            try {
                run(asPostgresUser, List.of(bin.resolve("pg_ctl").toString(), "stop", "-D", dir.resolve("data").toString(),
                        "-m", "fast", "-w"), dir.resolve("pg_ctl.log"), dir);
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (IOException | RuntimeException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // A temp folder left behind is harmless.
        }
    }

    private static List<String> command(boolean root, List<String> cmd) {
        if (!root) {
            return cmd;
        }
        List<String> full = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        full.addAll(cmd);
        return full;
    }

    private static void run(boolean root, List<String> cmd, Path log, Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command(root, cmd)).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " failed: " + tail(log));
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Path binaries() {
        String env = System.getenv("CSKIT_PG_BIN");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Path newest = versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                        .max(Comparator.comparingInt(v -> version(v.getFileName().toString()))).orElse(null);
                if (newest != null) {
                    return newest.resolve("bin");
                }
            } catch (IOException e) {
                // Fall through to the PATH.
            }
        }
        for (String entry : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, "initdb")) && Files.isExecutable(Path.of(entry, "postgres"))) {
                return Path.of(entry);
            }
        }
        throw new IllegalStateException("PostgreSQL server binaries (initdb, postgres, pg_ctl) not found in $CSKIT_PG_BIN, "
                + "/usr/lib/postgresql/*/bin or the PATH: install them (apt-get install -y postgresql, as .ci/run does) "
                + "or point CSKIT_PG_BIN at their folder. cs-jdbc's tests run on a real PostgreSQL and are never faked.");
    }

    private static int version(String name) {
        try {
            return Integer.parseInt(name.toLowerCase(Locale.ROOT).replaceAll("[^0-9]", ""));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
