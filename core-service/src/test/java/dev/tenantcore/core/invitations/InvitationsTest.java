package dev.tenantcore.core.invitations;

import static dev.tenantcore.core.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.contracts.events.Topics;
import dev.tenantcore.contracts.jobs.EmailJob;
import dev.tenantcore.core.Api;
import dev.tenantcore.core.CoreServiceTest;
import dev.tenantcore.core.Fixtures;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@CoreServiceTest
class InvitationsTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Test
    void invitedPersonAcceptsWithTheTokenFromTheEmailJob() {
        Api owner = Api.newUser(port);
        UUID orgId = owner.createOrg("Inviting Org");
        Api invitee = Api.newUser(port); // no profile in core yet: first request creates it
        var invited = owner.post(
                "/api/v1/orgs/" + orgId + "/invitations", body("email", invitee.email.toUpperCase(), "role", "member"));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        assertThat(invited.data().get("status").asString()).isEqualTo("pending");

        JsonNode job = JSON.readTree(Fixtures.awaitRecord(
                        Topics.jobs("email"),
                        r -> r.value().contains(invitee.email) && r.key().equals(orgId.toString()),
                        Duration.ofSeconds(20))
                .value());
        assertThat(job.get("metadata").get("type").asString()).isEqualTo("email");
        var email = EmailJob.fromPayload(
                JSON.convertValue(job.get("payload"), new TypeReference<Map<String, Object>>() {}));
        assertThat(email.template()).isEqualTo(EmailJob.INVITATION);
        assertThat(email.to()).isEqualTo(invitee.email);
        assertThat(email.params())
                .containsEntry("orgName", "Inviting Org")
                .containsEntry("inviterEmail", owner.email)
                .containsEntry("role", "member")
                .containsOnlyKeys("token", "orgName", "inviterEmail", "role");
        String token = email.params().get("token");

        Api someoneElse = Api.newUser(port);
        assertThat(someoneElse
                        .post("/api/v1/invitations/" + token + "/accept", null)
                        .status())
                .isEqualTo(403);
        assertThat(invitee.post("/api/v1/invitations/not-a-token/accept", null).status())
                .isEqualTo(404);

        var accepted = invitee.post("/api/v1/invitations/" + token + "/accept", null);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.data().get("role").asString()).isEqualTo("member");
        assertThat(invitee.get("/api/v1/orgs/" + orgId).status()).isEqualTo(200);
        assertThat(invitee.post("/api/v1/invitations/" + token + "/accept", null)
                        .status())
                .isEqualTo(410);
    }

    @Test
    void revokedAndResentInvitationsInvalidateOldTokens() {
        Api owner = Api.newUser(port);
        UUID orgId = owner.createOrg("Revoking Org");
        String invitations = "/api/v1/orgs/" + orgId + "/invitations";
        UUID id = owner.post(invitations, body("email", "later@example.com", "role", "viewer"))
                .id();
        assertThat(owner.post(invitations, body("email", "later@example.com", "role", "viewer"))
                        .status())
                .isEqualTo(409);
        assertThat(owner.post(invitations + "/" + id + "/resend", null).status())
                .isEqualTo(200);
        assertThat(owner.get(invitations + "?status=pending")
                        .json()
                        .get("meta")
                        .get("total")
                        .asLong())
                .isEqualTo(1);
        assertThat(owner.delete(invitations + "/" + id).status()).isEqualTo(204);
        assertThat(owner.get(invitations + "/" + id).data().get("status").asString())
                .isEqualTo("revoked");
        assertThat(owner.post(invitations, body("email", "x@example.com", "role", "nonexistent"))
                        .errorCode())
                .isEqualTo("validation_failed");
        assertThat(owner.post(invitations, body("email", "not-an-email", "role", "viewer"))
                        .errorCode())
                .isEqualTo("validation_failed");
    }
}
