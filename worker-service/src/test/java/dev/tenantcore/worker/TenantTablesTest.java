package dev.tenantcore.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tenantcore.engines.test.SharedEngines;
import dev.tenantcore.worker.tenancy.TenantTransactions;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Row-level security on the worker's tenant tables: the catalogue, the API, and the database as the app role. */
@WorkerServiceTest
class TenantTablesTest {

    /** The worker's tables with tenant data, with the column holding their job or report id. */
    static final Map<String, String> TENANT_TABLES = Map.of("jobs", "id", "processed_jobs", "job_id", "reports", "id");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TenantTransactions tenants;

    final CoreStub core = CoreStub.get();

    @Test
    void everyTableWithAnOrgIdForcesRowLevelSecurity() throws Exception {
        try (Connection db = SharedEngines.postgres().superuser()) {
            var rs = db.createStatement().executeQuery("""
                            select c.relname,
                                   c.relrowsecurity and c.relforcerowsecurity
                                       and exists (select 1 from pg_policy p where p.polrelid = c.oid) as protected
                            from pg_class c join pg_namespace n on n.oid = c.relnamespace
                            where n.nspname = 'worker' and c.relkind in ('r', 'p') and not c.relispartition
                              and exists (select 1 from pg_attribute a
                                          where a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped)""");
            List<String> tables = new ArrayList<>();
            List<String> unprotected = new ArrayList<>();
            while (rs.next()) {
                tables.add(rs.getString(1));
                if (!rs.getBoolean(2)) {
                    unprotected.add(rs.getString(1));
                }
            }
            assertThat(tables).containsAll(TENANT_TABLES.keySet());
            assertThat(unprotected).isEmpty();
            var role = db.createStatement()
                    .executeQuery("select rolsuper or rolbypassrls from pg_roles where rolname = 'worker_app'");
            assertThat(role.next()).isTrue();
            assertThat(role.getBoolean(1)).isFalse();
        }
    }

    @Test
    void anotherOrgsJobStatusIsNotVisibleThroughTheApi() throws Exception {
        UUID orgA = UUID.randomUUID();
        UUID orgB = UUID.randomUUID();
        UUID userA = UUID.randomUUID();
        UUID userB = UUID.randomUUID();
        core.member(userA, orgA);
        core.member(userB, orgB);
        core.auditLog(orgA, List.of());
        var api = new Api(port);
        var accepted = api.post("/api/v1/orgs/" + orgA + "/reports", userA, "{}");
        assertThat(accepted.statusCode()).isEqualTo(202);
        UUID jobA = UUID.fromString(Api.json(accepted).path("data").path("id").asString());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Api.json(api.get("/api/v1/orgs/" + orgA + "/jobs/" + jobA, userA))
                        .path("data")
                        .path("status")
                        .asString()
                        .equals("succeeded"));

        var asBInOwnOrg = api.get("/api/v1/orgs/" + orgB + "/jobs/" + jobA, userB);
        var asBInOrgA = api.get("/api/v1/orgs/" + orgA + "/jobs/" + jobA, userB);
        var reportAsB = api.get("/api/v1/orgs/" + orgB + "/reports/" + jobA, userB);

        assertThat(asBInOwnOrg.statusCode()).isEqualTo(404);
        assertThat(asBInOrgA.statusCode()).isEqualTo(403);
        assertThat(reportAsB.statusCode()).isEqualTo(404);
    }

    /** Around the service's own checks: queries without an org filter, as the application role. */
    @Test
    void anotherOrgsRowsAreInvisibleAndUnwritableInTheDatabase() throws Exception {
        UUID orgA = UUID.randomUUID();
        UUID orgB = UUID.randomUUID();
        core.auditLog(orgA, List.of());
        var job = JobTopics.job("report", orgA, Map.of("from", "2026-01-01T00:00:00Z", "to", "2026-01-02T00:00:00Z"));
        UUID jobA = job.metadata().id();
        JobTopics.publish(job, orgA.toString());
        await().atMost(Duration.ofSeconds(20)).until(() -> count(orgA, "reports", "id", jobA) == 1);

        for (var table : TENANT_TABLES.entrySet()) {
            assertThat(count(orgA, table.getKey(), table.getValue(), jobA))
                    .as(table.getKey() + " as A")
                    .isOne();
            assertThat(count(orgB, table.getKey(), table.getValue(), jobA))
                    .as(table.getKey() + " as B")
                    .isZero();
            assertThat(count(null, table.getKey(), table.getValue(), jobA))
                    .as(table.getKey() + " without an org")
                    .isZero();
            assertThat(jdbc.sql("select count(*) from " + table.getKey() + " where org_id = ?")
                            .param(orgA)
                            .query(Long.class)
                            .single())
                    .as(table.getKey() + " outside a transaction")
                    .isZero();
        }
        assertThatThrownBy(() -> tenants.runInOrg(
                        orgB,
                        null,
                        () -> jdbc.sql("insert into jobs (id, org_id, type, status) values (?, ?, 'report', 'queued')")
                                .params(UUID.randomUUID(), orgA)
                                .update()))
                .rootCause()
                .hasMessageContaining("row-level security");
        int changed = tenants.inOrg(
                orgB,
                null,
                () -> jdbc.sql("update jobs set status = 'dead' where id = ?")
                                .param(jobA)
                                .update()
                        + jdbc.sql("delete from reports where id = ?")
                                .param(jobA)
                                .update());
        assertThat(changed).isZero();
    }

    @Test
    void jobsWithoutAnOrgAreVisibleOnlyWithoutAnOrg() {
        UUID system = UUID.randomUUID();
        tenants.runInOrg(
                null,
                null,
                () -> jdbc.sql("insert into jobs (id, org_id, type, status) values (?, null, 'email', 'queued')")
                        .param(system)
                        .update());

        assertThat(count(null, "jobs", "id", system)).isOne();
        assertThat(count(UUID.randomUUID(), "jobs", "id", system)).isZero();
    }

    private long count(@Nullable UUID org, String table, String idColumn, UUID id) {
        return tenants.inOrg(
                org,
                null,
                () -> jdbc.sql("select count(*) from " + table + " where " + idColumn + " = ?")
                        .param(id)
                        .query(Long.class)
                        .single());
    }
}
