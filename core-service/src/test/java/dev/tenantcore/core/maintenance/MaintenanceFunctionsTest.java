package dev.tenantcore.core.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantcore.core.Api;
import dev.tenantcore.core.CoreServiceTest;
import dev.tenantcore.core.Fixtures;
import dev.tenantcore.engines.test.SharedEngines;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The worker's maintenance functions, called as worker_app; nobody else may call them. */
@CoreServiceTest
class MaintenanceFunctionsTest {

    static final String LONG_AGO = "2000-06-01T00:00:00Z";

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Test
    void purgesInvitationsThatEndedBeforeTheGivenTime() throws Exception {
        Api owner = Api.newUser(port);
        UUID orgId = owner.createOrg("Invites");
        try (Connection db = SharedEngines.postgres().superuser()) {
            UUID expired = invitation(db, orgId, "pending", "2000-01-01", null);
            UUID revoked = invitation(db, orgId, "revoked", "2000-01-01", null);
            UUID accepted = invitation(db, orgId, "accepted", "2030-01-01", "2000-01-01");
            UUID current = invitation(db, orgId, "pending", "2000-12-01", null);
            UUID acceptedLater = invitation(db, orgId, "accepted", "2030-01-01", "2000-12-01");

            assertThat(callAsWorker("select core.purge_expired_invitations('" + LONG_AGO + "')"))
                    .isEqualTo("3");
            assertThat(count(db, "select count(*) from core.invitations where org_id = '" + orgId + "'"))
                    .isEqualTo(2);
            for (UUID gone : List.of(expired, revoked, accepted)) {
                assertThat(count(db, "select count(*) from core.invitations where id = '" + gone + "'"))
                        .isZero();
            }
            assertThat(count(
                            db,
                            "select count(*) from core.invitations where id in ('" + current + "', '" + acceptedLater
                                    + "')"))
                    .isEqualTo(2);
        }
    }

    @Test
    void purgesOrganizationsDeletedBeforeTheGivenTimeWithTheirRows() throws Exception {
        Api owner = Api.newUser(port);
        UUID doomed = owner.createOrg("Purged");
        UUID kept = owner.createOrg("Deleted lately");
        for (UUID orgId : List.of(doomed, kept)) {
            UUID team = owner.post("/api/v1/orgs/" + orgId + "/teams", Map.of("name", "T"))
                    .id();
            owner.post("/api/v1/orgs/" + orgId + "/projects", Map.of("name", "P", "teamId", team));
            fixtures.addMember(orgId, Api.newUser(port), "member");
            assertThat(owner.delete("/api/v1/orgs/" + orgId).status()).isEqualTo(204);
        }
        try (Connection db = SharedEngines.postgres().superuser()) {
            db.createStatement()
                    .executeUpdate(
                            "update core.organizations set deleted_at = '2000-01-01' where id = '" + doomed + "'");
            long auditBefore = count(db, "select count(*) from core.audit_log where org_id = '" + doomed + "'");

            assertThat(callAsWorker("select core.purge_deleted_organizations('" + LONG_AGO + "')"))
                    .isEqualTo("1");

            for (String table :
                    List.of("memberships", "roles", "teams", "projects", "role_assignments", "invitations")) {
                assertThat(count(db, "select count(*) from core." + table + " where org_id = '" + doomed + "'"))
                        .as(table)
                        .isZero();
            }
            assertThat(count(db, "select count(*) from core.organizations where id = '" + doomed + "'"))
                    .isZero();
            assertThat(count(db, "select count(*) from core.organizations where id = '" + kept + "'"))
                    .isEqualTo(1);
            assertThat(count(db, "select count(*) from core.projects where org_id = '" + kept + "'"))
                    .isEqualTo(1);
            assertThat(count(db, "select count(*) from core.audit_log where org_id = '" + doomed + "'"))
                    .isEqualTo(auditBefore);
        }
    }

    @Test
    void maintainsAuditPartitionsAndVerificationStartsAtTheFirstRetainedEntry() throws Exception {
        Api owner = Api.newUser(port);
        UUID orgId = owner.createOrg("Long history");
        owner.post("/api/v1/orgs/" + orgId + "/teams", Map.of("name", "T1"));
        owner.post("/api/v1/orgs/" + orgId + "/teams", Map.of("name", "T2"));
        LocalDate month = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
        String old = partition(month.minusMonths(10));
        try (Connection db = SharedEngines.postgres().superuser()) {
            // The org's first entry happened ten months ago (its hash no longer matches, but it is about to go).
            // Without triggers in this session, so that moving the row does not append it to the chain again.
            db.createStatement().execute("set session_replication_role = replica");
            db.createStatement()
                    .executeUpdate("update core.audit_log set created_at = '" + month.minusMonths(10)
                            + "T12:00:00Z' where org_id = '" + orgId + "' and seq = 1");
        }

        JsonNode result = JsonMapper.builder()
                .build()
                .readTree(callAsWorker("select core.maintain_audit_partitions(27, 6)::text"));

        List<String> created = names(result.get("created"));
        List<String> dropped = names(result.get("dropped"));
        assertThat(created).contains(partition(month.plusMonths(27))).doesNotContain(partition(month));
        assertThat(dropped)
                .contains(old, partition(month.minusMonths(7)))
                .doesNotContain(partition(month.minusMonths(6)));
        try (Connection db = SharedEngines.postgres().superuser()) {
            assertThat(count(db, "select count(*) from pg_class where relname = '" + old + "'"))
                    .isZero();
            assertThat(count(
                            db,
                            "select count(*) from pg_class where relname = '" + partition(month.plusMonths(27)) + "'"))
                    .isEqualTo(1);
            // New partitions are closed to the application like the first ones.
            assertThat(count(
                            db,
                            "select count(*) from information_schema.role_table_grants where grantee = 'core_app' "
                                    + "and table_name = '" + partition(month.plusMonths(27)) + "'"))
                    .isZero();
        }
        var verified = owner.get("/api/v1/orgs/" + orgId + "/audit-log/verify");
        assertThat(verified.data().get("valid").asBoolean()).isTrue();
        assertThat(verified.data().get("checked").asLong()).isEqualTo(2);

        JsonNode again = JsonMapper.builder()
                .build()
                .readTree(callAsWorker("select core.maintain_audit_partitions(27, 6)::text"));
        assertThat(again.get("created")).isEmpty();
        assertThat(again.get("dropped")).isEmpty();
    }

    @Test
    void purgesCompletedEventPublicationsOnly() throws Exception {
        UUID completed = UUID.randomUUID();
        UUID pending = UUID.randomUUID();
        try (Connection db = SharedEngines.postgres().superuser()) {
            var insert = db.prepareStatement("""
                    insert into core.event_publication (id, listener_id, event_type, serialized_event,
                        publication_date, completion_date, status)
                    values (?, 'test', 'test', '{}', '2000-01-01', ?::timestamptz, ?)""");
            insert.setObject(1, completed);
            insert.setString(2, "2000-01-02");
            insert.setString(3, "COMPLETED");
            insert.executeUpdate();
            insert.setObject(1, pending);
            insert.setString(2, null);
            insert.setString(3, "PUBLISHED");
            insert.executeUpdate();

            assertThat(callAsWorker("select core.purge_event_publications('" + LONG_AGO + "')"))
                    .isEqualTo("1");
            assertThat(count(db, "select count(*) from core.event_publication where id = '" + completed + "'"))
                    .isZero();
            assertThat(count(db, "select count(*) from core.event_publication where id = '" + pending + "'"))
                    .isEqualTo(1);
            db.createStatement().executeUpdate("delete from core.event_publication where id = '" + pending + "'");
        }
    }

    @Test
    void onlyTheWorkerMayCallThem() throws Exception {
        List<String> calls = List.of(
                "select core.purge_expired_invitations('" + LONG_AGO + "')",
                "select core.purge_deleted_organizations('" + LONG_AGO + "')",
                "select core.maintain_audit_partitions(0, 1000)",
                "select core.purge_event_publications('" + LONG_AGO + "')");
        for (String role : List.of("core_app", "auth_app")) {
            try (Connection db = SharedEngines.postgres().connect(role)) {
                for (String call : calls) {
                    assertThatThrownBy(() -> db.createStatement().executeQuery(call))
                            .as(role + ": " + call)
                            .isInstanceOf(SQLException.class)
                            .hasMessageContaining("permission denied");
                }
            }
        }
        try (Connection db = SharedEngines.postgres().superuser()) {
            assertThat(count(db, """
                            select count(*) from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                            where n.nspname = 'core' and p.prosecdef and pg_get_userbyid(p.proowner) = 'core_owner'
                              and 'search_path=core, pg_temp' = any(p.proconfig)
                              and not has_function_privilege('core_app', p.oid, 'EXECUTE')
                              and has_function_privilege('worker_app', p.oid, 'EXECUTE')
                              and p.proname in ('purge_expired_invitations', 'purge_deleted_organizations',
                                                'maintain_audit_partitions', 'purge_event_publications')""")).isEqualTo(4);
        }
    }

    private static UUID invitation(Connection db, UUID orgId, String status, String expiresAt, String acceptedAt)
            throws SQLException {
        UUID id = UUID.randomUUID();
        var insert = db.prepareStatement("""
                insert into core.invitations (id, org_id, email, role_id, token_hash, status, invited_by, expires_at,
                    accepted_at)
                select ?, ?, ?, r.id, decode(md5(?::text), 'hex'), ?, ?, ?::timestamptz, ?::timestamptz
                from core.roles r where r.org_id = ? and r.name = 'member'""");
        insert.setObject(1, id);
        insert.setObject(2, orgId);
        insert.setString(3, id + "@example.com");
        insert.setString(4, id.toString());
        insert.setString(5, status);
        insert.setObject(6, UUID.randomUUID());
        insert.setString(7, expiresAt);
        insert.setString(8, acceptedAt);
        insert.setObject(9, orgId);
        assertThat(insert.executeUpdate()).isEqualTo(1);
        return id;
    }

    private static String callAsWorker(String sql) throws SQLException {
        try (Connection worker = SharedEngines.postgres().connect("worker_app");
                var rs = worker.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (var rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String partition(LocalDate month) {
        return "audit_log_%d_%02d".formatted(month.getYear(), month.getMonthValue());
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.asString()));
        return names;
    }
}
