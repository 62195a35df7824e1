package dev.tenantcore.core.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantcore.core.CoreServiceTest;
import dev.tenantcore.engines.test.SharedEngines;
import dev.tenantcore.support.tenancy.TenantContext;
import dev.tenantcore.support.tenancy.TenantContext.Tenant;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Row-level security as the second line of isolation: these tests go around the service's own checks and
 * talk to PostgreSQL as the application role, the way a bug in a query would.
 */
@CoreServiceTest
class RowLevelSecurityTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    UUID orgA;
    UUID orgB;

    @BeforeEach
    void twoOrganizations() {
        orgA = UUID.randomUUID();
        orgB = UUID.randomUUID();
        insertAs(orgA, "Org A");
        insertAs(orgB, "Org B");
    }

    @Test
    void applicationRoleIsNeitherSuperuserNorBypassesRls() throws SQLException {
        try (Connection app = SharedEngines.postgres().connect("core_app")) {
            var rs = app.createStatement()
                    .executeQuery("select rolsuper, rolbypassrls from pg_roles where rolname = current_user");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(1)).isFalse();
            assertThat(rs.getBoolean(2)).isFalse();
        }
    }

    @Test
    void seesOnlyTheCurrentTenantsRows() {
        List<String> names = TenantContext.callAs(
                Tenant.org(orgA, null),
                () -> transactions.execute(status -> jdbc.sql("select name from organizations where id in (?, ?)")
                        .params(orgA, orgB)
                        .query(String.class)
                        .list()));
        assertThat(names).containsExactly("Org A");
    }

    @Test
    void seesNothingWithoutATenant() {
        Long inTransaction = transactions.execute(status ->
                jdbc.sql("select count(*) from organizations").query(Long.class).single());
        Long autoCommit =
                jdbc.sql("select count(*) from organizations").query(Long.class).single();
        assertThat(inTransaction).isZero();
        assertThat(autoCommit).isZero();
    }

    @Test
    void refusesWritesIntoAnotherTenant() {
        assertThatThrownBy(() -> TenantContext.runAs(
                        Tenant.org(orgA, null),
                        () -> transactions.executeWithoutResult(status -> jdbc.sql(
                                        "insert into organizations (id, name, slug) values (?, 'Intruder', ?)")
                                .params(UUID.randomUUID(), "intruder-" + orgA)
                                .update())))
                .rootCause()
                .hasMessageContaining("violates row-level security policy");
        int updated = TenantContext.callAs(
                Tenant.org(orgA, null),
                () -> transactions.execute(status -> jdbc.sql("update organizations set name = 'Hacked' where id = ?")
                        .param(orgB)
                        .update()));
        assertThat(updated).isZero();
    }

    @Test
    void applicationRoleCannotSwitchRlsOffOrBecomeTheOwner() throws SQLException {
        try (Connection app = SharedEngines.postgres().connect("core_app")) {
            app.createStatement().execute("set row_security = off");
            assertThatThrownBy(() -> app.createStatement().executeQuery("select count(*) from core.organizations"))
                    .hasMessageContaining("row-level security");
            assertThatThrownBy(() ->
                            app.createStatement().execute("alter table core.organizations disable row level security"))
                    .hasMessageContaining("must be owner");
            assertThatThrownBy(() -> app.createStatement().execute("set role core_owner"))
                    .hasMessageContaining("permission denied");
        }
    }

    @Test
    void tenantSettingDoesNotLeakToTheNextTransactionOnAPooledConnection() {
        TenantContext.runAs(
                Tenant.org(orgA, null),
                () -> transactions.executeWithoutResult(
                        status -> jdbc.sql("select 1").query(Integer.class).single()));
        for (int i = 0; i < 20; i++) {
            String setting = transactions.execute(
                    status -> jdbc.sql("select coalesce(current_setting('app.current_org', true), '')")
                            .query(String.class)
                            .single());
            assertThat(setting).isEmpty();
        }
    }

    private void insertAs(UUID org, String name) {
        TenantContext.runAs(
                Tenant.org(org, null),
                () -> transactions.executeWithoutResult(
                        status -> jdbc.sql("insert into organizations (id, name, slug) values (?, ?, ?)")
                                .params(org, name, "org-" + org)
                                .update()));
    }
}
