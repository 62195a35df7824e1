package dev.tenantcore.core.tenancy;

import static dev.tenantcore.core.Api.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantcore.core.Api;
import dev.tenantcore.core.CoreServiceTest;
import dev.tenantcore.engines.test.SharedEngines;
import dev.tenantcore.support.tenancy.TenantContext;
import dev.tenantcore.support.tenancy.TenantContext.Tenant;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Row-level security on every tenant table, with the service's own checks bypassed. */
@CoreServiceTest
class TenantTablesTest {

    static final List<String> TENANT_TABLES = List.of(
            "memberships",
            "roles",
            "role_assignments",
            "teams",
            "projects",
            "invitations",
            "audit_log",
            "audit_chain_heads");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void everyTableWithAnOrgIdForcesRowLevelSecurity() throws Exception {
        try (Connection db = SharedEngines.postgres().superuser()) {
            var rs = db.createStatement().executeQuery("""
                            select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                            where n.nspname = 'core' and c.relkind in ('r', 'p') and not c.relispartition
                              and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'org_id')
                              and not (c.relrowsecurity and c.relforcerowsecurity
                                       and exists (select 1 from pg_policy p where p.polrelid = c.oid))""");
            List<String> unprotected = new ArrayList<>();
            while (rs.next()) {
                unprotected.add(rs.getString(1));
            }
            assertThat(unprotected).isEmpty();
            // Partitions bypass the parent's policy when queried directly: the application cannot.
            var partitions = db.createStatement().executeQuery("""
                            select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
                            where n.nspname = 'core' and c.relispartition
                              and has_table_privilege('core_app', c.oid, 'SELECT')""");
            partitions.next();
            assertThat(partitions.getLong(1)).isZero();
        }
    }

    @Test
    void anotherOrgsRowsAreInvisibleAndUnwritable() {
        Api a = Api.newUser(port);
        UUID orgA = a.createOrg("RLS A");
        Api b = Api.newUser(port);
        UUID orgB = b.createOrg("RLS B");
        UUID teamB =
                b.post("/api/v1/orgs/" + orgB + "/teams", body("name", "B")).id();
        UUID projectB = b.post("/api/v1/orgs/" + orgB + "/projects", body("name", "B", "teamId", teamB))
                .id();
        b.post("/api/v1/orgs/" + orgB + "/invitations", body("email", "rls@example.com", "role", "viewer"));
        b.put("/api/v1/orgs/" + orgB + "/projects/" + projectB + "/members/" + b.userId, body("role", "viewer"));

        for (String table : TENANT_TABLES) {
            long seenFromA = TenantContext.callAs(
                    Tenant.org(orgA, a.userId),
                    () -> transactions.execute(s -> jdbc.sql("select count(*) from " + table + " where org_id = ?")
                            .param(orgB)
                            .query(Long.class)
                            .single()));
            long withoutTenant = transactions.execute(s ->
                    jdbc.sql("select count(*) from " + table).query(Long.class).single());
            long ownAsB = TenantContext.callAs(
                    Tenant.org(orgB, null),
                    () -> transactions.execute(s -> jdbc.sql("select count(*) from " + table + " where org_id = ?")
                            .param(orgB)
                            .query(Long.class)
                            .single()));
            assertThat(seenFromA).as(table + " seen from A").isZero();
            assertThat(withoutTenant).as(table + " without tenant").isZero();
            assertThat(ownAsB).as(table + " as B").isPositive();
        }

        assertThatThrownBy(() -> TenantContext.runAs(
                        Tenant.org(orgA, a.userId),
                        () -> transactions.executeWithoutResult(
                                s -> jdbc.sql("insert into teams (id, org_id, name, created_by) values (?, ?, 'x', ?)")
                                        .params(UUID.randomUUID(), orgB, a.userId)
                                        .update())))
                .rootCause()
                .hasMessageContaining("row-level security");
        int changed = TenantContext.callAs(
                Tenant.org(orgA, a.userId),
                () -> transactions.execute(s -> jdbc.sql("update projects set name = 'owned' where id = ?")
                                .param(projectB)
                                .update()
                        + jdbc.sql("delete from memberships where org_id = ?")
                                .param(orgB)
                                .update()));
        assertThat(changed).isZero();
    }

    @Test
    void aUserWithoutAnOrgSeesOnlyTheirOwnMemberships() {
        Api a = Api.newUser(port);
        UUID orgA = a.createOrg("Mine");
        Api b = Api.newUser(port);
        b.createOrg("Not mine");
        List<UUID> visible = TenantContext.callAs(
                Tenant.user(a.userId),
                () -> transactions.execute(s -> jdbc.sql("select id from organizations")
                        .query(UUID.class)
                        .list()));
        assertThat(visible).containsExactly(orgA);
        long memberships = TenantContext.callAs(
                Tenant.user(a.userId),
                () -> transactions.execute(s -> jdbc.sql("select count(*) from memberships")
                        .query(Long.class)
                        .single()));
        assertThat(memberships).isEqualTo(1);
    }
}
