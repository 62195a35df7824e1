package dev.tenantcore.engines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * PgBouncer in transaction pooling mode, from Debian's {@code pgbouncer} package, in front of a PostgreSQL
 * server: a server connection belongs to a client for one transaction only, as in production. When the
 * binary is missing it is installed with {@code apt-get} if this process runs as root, otherwise starting
 * fails with the command to run.
 *
 * <p>Clients log in without a password ({@code auth_type = trust}) as one of the given roles; PgBouncer
 * logs in to PostgreSQL as the same role (the embedded PostgreSQL trusts loopback connections). pgJDBC's
 * server-side prepared statements need {@code max_prepared_statements} (PgBouncer 1.21 or later); with an
 * older PgBouncer (Debian 12 ships 1.18) {@link #jdbcUrl()} turns them off with {@code prepareThreshold=0}.
 */
public final class PgBouncerEngine implements Engine {

    private static final String BINARY = "/usr/sbin/pgbouncer";
    private static final Pattern VERSION = Pattern.compile("PgBouncer (\\d+)\\.(\\d+)");

    private final Process process;
    private final int port;
    private final String database;
    private final boolean preparedStatements;
    private final Path log;

    private PgBouncerEngine(Process process, int port, String database, boolean preparedStatements, Path log) {
        this.process = process;
        this.port = port;
        this.database = database;
        this.preparedStatements = preparedStatements;
        this.log = log;
    }

    /**
     * Starts PgBouncer.
     *
     * @param port the port to listen on (loopback), or 0 for a free one
     * @param serverHost PostgreSQL's host
     * @param serverPort PostgreSQL's port
     * @param database the database clients connect to (the same name on the server)
     * @param poolSize server connections per role and database ({@code default_pool_size})
     * @param roles the roles clients may log in as
     * @param directory where the configuration and {@code pgbouncer.log} are written
     */
    public static PgBouncerEngine start(
            int port,
            String serverHost,
            int serverPort,
            String database,
            int poolSize,
            Collection<String> roles,
            Path directory) {
        int[] version = ensureInstalled();
        boolean preparedStatements = version[0] > 1 || (version[0] == 1 && version[1] >= 21);
        int listenPort = port > 0 ? port : freePort();
        try {
            Files.createDirectories(directory);
            Path config = directory.resolve("pgbouncer.ini");
            Path users = directory.resolve("userlist.txt");
            Path log = directory.resolve("pgbouncer.log");
            Files.writeString(
                    users,
                    roles.stream().map(role -> "\"" + role + "\" \"\"").collect(Collectors.joining("\n", "", "\n")),
                    StandardCharsets.UTF_8);
            Files.writeString(
                    config,
                    """
                    [databases]
                    %s = host=%s port=%d dbname=%s

                    [pgbouncer]
                    listen_addr = 127.0.0.1
                    listen_port = %d
                    unix_socket_dir =
                    auth_type = trust
                    auth_file = %s
                    pool_mode = transaction
                    default_pool_size = %d
                    min_pool_size = 0
                    reserve_pool_size = 0
                    max_client_conn = 500
                    max_db_connections = %d
                    ignore_startup_parameters = extra_float_digits,options
                    server_reset_query =
                    %s
                    """.formatted(
                                    database,
                                    serverHost,
                                    serverPort,
                                    database,
                                    listenPort,
                                    users.toAbsolutePath(),
                                    poolSize,
                                    poolSize,
                                    preparedStatements ? "max_prepared_statements = 200" : ""),
                    StandardCharsets.UTF_8);
            boolean root = isRoot();
            if (root) {
                // PgBouncer refuses to run as root: it switches to the postgres user, which must read these.
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
                Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-r--r--"));
            }
            List<String> command = root
                    ? List.of(BINARY, "-u", runAsUser(), config.toAbsolutePath().toString())
                    : List.of(BINARY, config.toAbsolutePath().toString());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            var engine = new PgBouncerEngine(process, listenPort, database, preparedStatements, log);
            engine.awaitListening(Duration.ofSeconds(20));
            return engine;
        } catch (IOException e) {
            throw new UncheckedIOException("PgBouncer did not start", e);
        }
    }

    /** Installs Debian's package if needed; returns the version (major, minor). */
    private static synchronized int[] ensureInstalled() {
        if (!Files.isExecutable(Path.of(BINARY))) {
            if (!isRoot()) {
                throw new IllegalStateException(
                        "PgBouncer is not installed: run `sudo apt-get install -y pgbouncer` (Debian's package)");
            }
            run(List.of("apt-get", "install", "-y", "-q", "pgbouncer"), Duration.ofMinutes(5));
            if (!Files.isExecutable(Path.of(BINARY))) {
                throw new IllegalStateException("apt-get install pgbouncer did not provide " + BINARY);
            }
        }
        String output = run(List.of(BINARY, "--version"), Duration.ofSeconds(20));
        var matcher = VERSION.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("cannot read PgBouncer's version from: " + output);
        }
        return new int[] {Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))};
    }

    private static String run(List<String> command, Duration timeout) {
        try {
            var builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        String.join(" ", command) + " failed:\n" + new String(output, StandardCharsets.UTF_8));
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command) + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static String runAsUser() {
        // Debian's postgresql-common (a dependency of the pgbouncer package) creates the postgres user.
        return Files.isDirectory(Path.of("/var/lib/postgresql")) ? "postgres" : "nobody";
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitListening(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("PgBouncer exited at start:\n" + readLog());
            }
            try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        }
        close();
        throw new IllegalStateException("PgBouncer did not listen on " + port + " in " + timeout + ":\n" + readLog());
    }

    private String readLog() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public int port() {
        return port;
    }

    /** Whether pgJDBC may use server-side prepared statements through this PgBouncer (1.21+). */
    public boolean supportsPreparedStatements() {
        return preparedStatements;
    }

    /** The JDBC URL of the pooled database, with {@code prepareThreshold=0} when PgBouncer is older than 1.21. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database
                + (preparedStatements ? "" : "?prepareThreshold=0");
    }

    @Override
    public String name() {
        return "pgbouncer";
    }

    @Override
    public String address() {
        return jdbcUrl();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
