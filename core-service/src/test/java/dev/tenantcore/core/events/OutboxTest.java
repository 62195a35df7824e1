package dev.tenantcore.core.events;

import static dev.tenantcore.core.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.contracts.events.Topics;
import dev.tenantcore.core.Api;
import dev.tenantcore.core.CoreServiceTest;
import dev.tenantcore.core.Fixtures;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@CoreServiceTest
class OutboxTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void publishesProjectChangesKeyedByOrgWithGrowingVersions() {
        Api owner = Api.newUser(port);
        UUID orgId = owner.createOrg("Events Org");
        UUID projectId = owner.post("/api/v1/orgs/" + orgId + "/projects", body("name", "Evented"))
                .id();
        owner.patch("/api/v1/orgs/" + orgId + "/projects/" + projectId, body("name", "Evented again"));

        var created = Fixtures.awaitRecord(
                Topics.CORE_PROJECTS,
                r -> r.key().equals(orgId.toString()) && r.value().contains("project.created"),
                Duration.ofSeconds(20));
        JsonNode event = JSON.readTree(created.value());
        assertThat(event.get("metadata").get("orgId").asString()).isEqualTo(orgId.toString());
        assertThat(event.get("metadata").get("actorId").asString()).isEqualTo(owner.userId.toString());
        assertThat(event.get("payload").get("projectId").asString()).isEqualTo(projectId.toString());
        assertThat(event.get("payload").get("version").asLong()).isEqualTo(1);

        var updated = Fixtures.awaitRecord(
                Topics.CORE_PROJECTS,
                r -> r.key().equals(orgId.toString()) && r.value().contains("project.updated"),
                Duration.ofSeconds(20));
        assertThat(JSON.readTree(updated.value()).get("payload").get("version").asLong())
                .isEqualTo(2);

        var org = Fixtures.awaitRecord(
                Topics.CORE_ORGANIZATIONS, r -> r.key().equals(orgId.toString()), Duration.ofSeconds(20));
        assertThat(JSON.readTree(org.value()).get("metadata").get("type").asString())
                .isEqualTo("organization.created");
        Fixtures.awaitRecord(Topics.CORE_MEMBERSHIPS, r -> r.key().equals(orgId.toString()), Duration.ofSeconds(20));
    }

    @Test
    void everyPublicationIsCompletedAfterItReachedKafka() throws InterruptedException {
        Api owner = Api.newUser(port);
        UUID orgId = owner.createOrg("Completion Org");
        owner.post("/api/v1/orgs/" + orgId + "/teams", body("name", "T"));
        Fixtures.awaitRecord(Topics.CORE_TEAMS, r -> r.key().equals(orgId.toString()), Duration.ofSeconds(20));
        long incomplete = Long.MAX_VALUE;
        for (int i = 0; i < 50 && incomplete > 0; i++) {
            incomplete = jdbc.sql("select count(*) from event_publication where completion_date is null "
                            + "and serialized_event like ?")
                    .param("%" + orgId + "%")
                    .query(Long.class)
                    .single();
            if (incomplete > 0) {
                Thread.sleep(100);
            }
        }
        assertThat(incomplete).isZero();
    }
}
