package dev.tenantcore.core.audit;

import static dev.tenantcore.core.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.core.Api;
import dev.tenantcore.core.CoreServiceTest;
import dev.tenantcore.engines.test.SharedEngines;
import java.sql.Connection;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@CoreServiceTest
class AuditLogTest {

    @LocalServerPort
    int port;

    @Test
    void recordsEveryWriteWithActorRequestAndChange() {
        Api owner = Api.newUser(port);
        UUID orgId = owner.createOrg("Audited");
        UUID projectId = owner.post("/api/v1/orgs/" + orgId + "/projects", body("name", "Before"))
                .id();
        owner.patch(
                "/api/v1/orgs/" + orgId + "/projects/" + projectId,
                body("name", "After"),
                "X-Request-Id",
                "req-audit-1",
                "User-Agent",
                "audit-test/1.0");

        var log = owner.get("/api/v1/orgs/" + orgId + "/audit-log?action=project.updated");
        assertThat(log.status()).isEqualTo(200);
        assertThat(log.json().get("meta").get("total").asLong()).isEqualTo(1);
        var entry = log.data().get(0);
        assertThat(entry.get("actorId").asString()).isEqualTo(owner.userId.toString());
        assertThat(entry.get("resourceId").asString()).isEqualTo(projectId.toString());
        assertThat(entry.get("before").get("name").asString()).isEqualTo("Before");
        assertThat(entry.get("after").get("name").asString()).isEqualTo("After");
        assertThat(entry.get("requestId").asString()).isEqualTo("req-audit-1");
        assertThat(entry.get("userAgent").asString()).isEqualTo("audit-test/1.0");
        assertThat(entry.get("ip").asString()).isNotBlank();

        assertThat(owner.get("/api/v1/orgs/" + orgId + "/audit-log")
                        .json()
                        .get("meta")
                        .get("total")
                        .asLong())
                .isEqualTo(3);
    }

    @Test
    void verificationFindsTheFirstTamperedEntry() throws Exception {
        Api owner = Api.newUser(port);
        UUID orgId = owner.createOrg("Chained");
        for (int i = 0; i < 3; i++) {
            owner.post("/api/v1/orgs/" + orgId + "/teams", body("name", "team " + i));
        }
        var verified = owner.get("/api/v1/orgs/" + orgId + "/audit-log/verify");
        assertThat(verified.data().get("valid").asBoolean()).isTrue();
        assertThat(verified.data().get("checked").asLong()).isEqualTo(4);

        // The application role cannot rewrite history at all.
        try (Connection app = SharedEngines.postgres().connect("core_app")) {
            var update = app.createStatement();
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> update.executeUpdate("update core.audit_log set action = 'x'"))
                    .hasMessageContaining("permission denied");
        }
        // Someone with more power edits the third entry.
        try (Connection admin = SharedEngines.postgres().superuser()) {
            var statement = admin.prepareStatement(
                    "update core.audit_log set after = '{\"name\":\"forged\"}' where org_id = ? and seq = 3");
            statement.setObject(1, orgId);
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
        var broken = owner.get("/api/v1/orgs/" + orgId + "/audit-log/verify");
        assertThat(broken.data().get("valid").asBoolean()).isFalse();
        assertThat(broken.data().get("firstBrokenSeq").asLong()).isEqualTo(3);
    }

    @Test
    void viewersCannotReadTheAuditLog() {
        Api owner = Api.newUser(port);
        UUID orgId = owner.createOrg("Private log");
        Api stranger = Api.newUser(port);
        assertThat(stranger.get("/api/v1/orgs/" + orgId + "/audit-log").status())
                .isEqualTo(404);
    }
}
