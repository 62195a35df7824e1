package dev.tenantcore.engines;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;

/**
 * PostgreSQL 17 from zonky's binaries. Creates the {@value #DATABASE} database and the roles and schemas
 * of {@code bootstrap/postgres-roles.sql} on every start (idempotently).
 */
public final class PostgresEngine implements Engine {

    public static final String DATABASE = "tenantcore";
    public static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;

    private PostgresEngine(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts PostgreSQL.
     *
     * @param port fixed port, or 0 for a free one
     * @param dataDirectory where data lives; kept across restarts when {@code persistent}
     * @param persistent keep data and turn {@code fsync} on (the local system); off for throw-away test data
     */
    public static PostgresEngine start(int port, Path dataDirectory, boolean persistent) {
        if (persistent) {
            StaleProcesses.stopByPidFile(dataDirectory.resolve("postmaster.pid"));
        }
        try {
            var builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(!persistent)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("listen_addresses", "127.0.0.1");
            if (port > 0) {
                StaleProcesses.requireFreePort("PostgreSQL", port);
                builder.setPort(port);
            }
            if (persistent) {
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
            }
            var engine = new PostgresEngine(builder.start());
            engine.bootstrap();
            return engine;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    private void bootstrap() {
        try (Connection admin = connect("postgres", SUPERUSER)) {
            boolean exists;
            try (var rs = admin.createStatement()
                    .executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
                exists = rs.next();
            }
            if (!exists) {
                admin.createStatement().execute("create database " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + DATABASE, e);
        }
        try (Connection db = connect(DATABASE, SUPERUSER)) {
            db.createStatement().execute(bootstrapSql());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create roles and schemas", e);
        }
    }

    /** The role and schema script, shared with docker compose's init step. */
    public static String bootstrapSql() {
        try (InputStream in = Objects.requireNonNull(
                PostgresEngine.class.getResourceAsStream("/bootstrap/postgres-roles.sql"),
                "bootstrap/postgres-roles.sql missing from the classpath")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    /** A connection as the given role (the engine trusts local connections; production uses passwords). */
    public Connection connect(String database, String role) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port() + "/" + database, role, role);
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public String address() {
        return jdbcUrl();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
        }
    }
}
