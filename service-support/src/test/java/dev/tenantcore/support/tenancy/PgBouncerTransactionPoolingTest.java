package dev.tenantcore.support.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tenantcore.engines.PgBouncerEngine;
import dev.tenantcore.engines.test.SharedEngines;
import dev.tenantcore.support.tenancy.TenantContext.Tenant;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tenant isolation through PgBouncer in transaction mode (Debian's package), with far more clients than
 * server connections: transaction-local tenant settings never leak to the next transaction on the same
 * server connection, row-level security shows only the current tenant's rows, and no tenant sees none.
 */
class PgBouncerTransactionPoolingTest {

    private static final int SERVER_CONNECTIONS = 2;
    private static final int CLIENT_CONNECTIONS = 12;
    private static final int TENANTS = 6;
    private static final int ROWS_PER_TENANT = 3;
    private static final int TRANSACTIONS = 300;
    private static final String ROLE = "pooling_app";

    private static final List<UUID> tenants = new ArrayList<>();
    private static PgBouncerEngine pgBouncer;
    private static HikariDataSource dataSource;

    @BeforeAll
    static void startPgBouncerInFrontOfPostgres() throws Exception {
        var postgres = SharedEngines.postgres();
        try (var admin = postgres.superuser();
                var statement = admin.createStatement()) {
            statement.execute("""
                    DO $$ BEGIN
                      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pooling_app') THEN
                        CREATE ROLE pooling_app LOGIN NOSUPERUSER NOBYPASSRLS;
                      END IF;
                    END $$;
                    DROP SCHEMA IF EXISTS pooling CASCADE;
                    CREATE SCHEMA pooling;
                    CREATE TABLE pooling.items (id bigserial PRIMARY KEY, org_id uuid NOT NULL, name text NOT NULL);
                    ALTER TABLE pooling.items ENABLE ROW LEVEL SECURITY;
                    ALTER TABLE pooling.items FORCE ROW LEVEL SECURITY;
                    CREATE POLICY tenant_rows ON pooling.items
                      USING (org_id = NULLIF(current_setting('app.current_org', true), '')::uuid);
                    GRANT USAGE ON SCHEMA pooling TO pooling_app;
                    GRANT SELECT ON pooling.items TO pooling_app;
                    """);
            for (int t = 0; t < TENANTS; t++) {
                UUID org = UUID.randomUUID();
                tenants.add(org);
                for (int r = 0; r < ROWS_PER_TENANT; r++) {
                    statement.execute(
                            "INSERT INTO pooling.items (org_id, name) VALUES ('" + org + "', 'item " + r + "')");
                }
            }
        }
        pgBouncer = PgBouncerEngine.start(
                0,
                postgres.host(),
                postgres.port(),
                postgres.database(),
                SERVER_CONNECTIONS,
                List.of(ROLE),
                Files.createTempDirectory("tenantcore-test-pgbouncer"));
        var config = new HikariConfig();
        config.setJdbcUrl(pgBouncer.jdbcUrl());
        config.setUsername(ROLE);
        config.setPassword(ROLE);
        config.setMaximumPoolSize(CLIENT_CONNECTIONS);
        config.setMinimumIdle(CLIENT_CONNECTIONS);
        dataSource = new HikariDataSource(config);
    }

    @AfterAll
    static void stop() {
        if (dataSource != null) {
            dataSource.close();
        }
        if (pgBouncer != null) {
            pgBouncer.close();
        }
    }

    @Test
    void tenantSettingsNeverLeakBetweenTransactionsSharingAServerConnection() throws Exception {
        var transactions = new TransactionTemplate(new TenantTransactionManager(dataSource));
        var jdbc = new JdbcTemplate(dataSource);
        Set<Integer> serverProcesses = ConcurrentHashMap.newKeySet();
        List<Callable<@Nullable Void>> work = new ArrayList<>();
        for (int i = 0; i < TRANSACTIONS; i++) {
            // Every seventh transaction has no tenant; the others cycle through the tenants.
            @Nullable UUID org = i % 7 == 0 ? null : tenants.get(i % TENANTS);
            work.add(() -> {
                Tenant tenant = new Tenant(org, org == null ? null : UUID.randomUUID());
                TenantContext.runAs(
                        tenant,
                        () -> transactions.executeWithoutResult(status -> {
                            String setting = jdbc.queryForObject(
                                    "SELECT coalesce(current_setting('app.current_org', true), '')", String.class);
                            assertThat(setting).isEqualTo(org == null ? "" : org.toString());
                            serverProcesses.add(jdbc.queryForObject("SELECT pg_backend_pid()", Integer.class));
                            // Hold the server connection briefly so that transactions interleave.
                            jdbc.execute("SELECT pg_sleep(0.002)");
                            List<UUID> visible = jdbc.queryForList("SELECT org_id FROM pooling.items", UUID.class);
                            if (org == null) {
                                assertThat(visible).isEmpty();
                            } else {
                                assertThat(visible).hasSize(ROWS_PER_TENANT).containsOnly(org);
                            }
                        }));
                return null;
            });
        }
        try (var pool = Executors.newFixedThreadPool(CLIENT_CONNECTIONS)) {
            for (Future<@Nullable Void> result : pool.invokeAll(work)) {
                result.get();
            }
        }
        // Twelve client connections were served by PgBouncer's two server connections.
        assertThat(serverProcesses).hasSizeBetween(1, SERVER_CONNECTIONS);
        // Outside a transaction (autocommit) nothing is left behind on the server connections either.
        for (int i = 0; i < CLIENT_CONNECTIONS; i++) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM pooling.items", Integer.class))
                    .isZero();
        }
    }
}
