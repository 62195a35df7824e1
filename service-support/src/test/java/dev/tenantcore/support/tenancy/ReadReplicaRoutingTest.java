package dev.tenantcore.support.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.tenantcore.engines.test.SharedEngines;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * With a replica configured, read-only transactions run on the replica's pool and the others on the
 * primary, and the tenant settings are in place on either. The "replica" here is a pool whose connections
 * name themselves {@code replica}, so the test can see which pool served a transaction.
 */
class ReadReplicaRoutingTest {

    private static HikariDataSource primary;
    private static HikariDataSource replica;
    private static TenantTransactionManager transactions;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void pools() {
        var postgres = SharedEngines.postgres();
        primary = pool(postgres.jdbcUrl(), "primary");
        replica = pool(postgres.jdbcUrl(), "replica");
        DataSource routed = ReadReplicaRouting.route(primary, replica);
        transactions = new TenantTransactionManager(routed);
        jdbc = new JdbcTemplate(routed);
    }

    @AfterAll
    static void close() {
        primary.close();
        replica.close();
    }

    @Test
    void readOnlyTransactionsRunOnTheReplicaWithTheirTenant() {
        UUID org = UUID.randomUUID();
        var readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
        var readWrite = new TransactionTemplate(transactions);

        String[] onReplica = TenantContext.callAs(
                TenantContext.Tenant.org(org, null),
                () -> readOnly.execute(status -> new String[] {
                    jdbc.queryForObject("select current_setting('application_name')", String.class),
                    jdbc.queryForObject("select current_setting('app.current_org', true)", String.class),
                    jdbc.queryForObject("select current_setting('transaction_read_only')", String.class)
                }));
        String onPrimary = TenantContext.callAs(
                TenantContext.Tenant.org(org, null),
                () -> readWrite.execute(
                        status -> jdbc.queryForObject("select current_setting('application_name')", String.class)));

        assertThat(onReplica).containsExactly("replica", org.toString(), "on");
        assertThat(onPrimary).isEqualTo("primary");
    }

    private static HikariDataSource pool(String url, String name) {
        var pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername("postgres");
        pool.setPassword("postgres");
        pool.setPoolName(name);
        pool.setMaximumPoolSize(2);
        pool.setConnectionInitSql("set application_name = '" + name + "'");
        // As ReadReplicaRouting configures the replica's pool: its connections refuse writes.
        pool.setReadOnly(name.equals("replica"));
        return pool;
    }
}
