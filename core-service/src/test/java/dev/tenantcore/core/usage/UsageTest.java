package dev.tenantcore.core.usage;

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
class UsageTest {

    @LocalServerPort
    int port;

    @Test
    void reportsCountsAndDailyActivityAfterARefresh() throws Exception {
        Api owner = Api.newUser(port);
        UUID orgId = owner.createOrg("Usage Org");
        owner.post("/api/v1/orgs/" + orgId + "/projects", body("name", "Counted"));
        Api other = Api.newUser(port);
        UUID otherOrg = other.createOrg("Other Usage Org");
        other.post("/api/v1/orgs/" + otherOrg + "/projects", body("name", "Not counted"));
        other.post("/api/v1/orgs/" + otherOrg + "/projects", body("name", "Not counted either"));

        try (Connection worker = SharedEngines.postgres().connect("worker_app")) {
            worker.createStatement().execute("select analytics.refresh()");
        }
        var usage = owner.get("/api/v1/orgs/" + orgId + "/usage");
        assertThat(usage.status()).as(usage.toString()).isEqualTo(200);
        assertThat(usage.data().get("projects").asLong()).isEqualTo(1);
        assertThat(usage.data().get("members").asLong()).isEqualTo(1);
        assertThat(usage.data().get("daily").get(0).get("writes").asLong()).isEqualTo(2);
        assertThat(usage.data().get("daily").get(0).get("activeUsers").asLong()).isEqualTo(1);
        assertThat(other.get("/api/v1/orgs/" + orgId + "/usage").status()).isEqualTo(404);
        assertThat(owner.get("/api/v1/orgs/" + orgId + "/usage?from=2026-13-01").status())
                .isEqualTo(400);

        try (Connection app = SharedEngines.postgres().connect("core_app")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> app.createStatement().executeQuery("select * from analytics.org_counts_mv"))
                    .hasMessageContaining("permission denied");
            var rs = app.createStatement().executeQuery("select count(*) from analytics.org_counts");
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }
}
