package dev.tenantcore.core.organizations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.core.Api;
import dev.tenantcore.core.CoreServiceTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@CoreServiceTest
class OrganizationsTest {

    @LocalServerPort
    int port;

    @Test
    void creatorBecomesOwnerAndSeesTheOrgInTheirList() {
        Api alice = Api.newUser(port);
        var created = alice.post("/api/v1/orgs", Map.of("name", "Acme Inc"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.data().get("role").asString()).isEqualTo("owner");
        assertThat(created.data().get("slug").asString()).startsWith("acme-inc-");
        UUID orgId = created.id();

        var mine = alice.get("/api/v1/orgs");
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().get("meta").get("total").asLong()).isEqualTo(1);
        assertThat(mine.data().get(0).get("id").asString()).isEqualTo(orgId.toString());

        var me = alice.get("/api/v1/me");
        assertThat(me.data().get("profile").get("email").asString()).isEqualTo(alice.email);
        assertThat(me.data().get("memberships").get(0).get("role").asString()).isEqualTo("owner");

        Api stranger = Api.newUser(port);
        assertThat(stranger.get("/api/v1/orgs").json().get("meta").get("total").asLong())
                .isZero();
        assertThat(stranger.get("/api/v1/orgs/" + orgId).status()).isEqualTo(404);
    }

    @Test
    void etagsAnswerNotModifiedAndRejectStaleUpdates() {
        Api alice = Api.newUser(port);
        UUID orgId = alice.createOrg("Etag Org");
        var get = alice.get("/api/v1/orgs/" + orgId);
        assertThat(get.etag()).isEqualTo("\"v1\"");
        assertThat(alice.get("/api/v1/orgs/" + orgId, "If-None-Match", get.etag())
                        .status())
                .isEqualTo(304);

        var renamed = alice.patch("/api/v1/orgs/" + orgId, Map.of("name", "Renamed"), "If-Match", get.etag());
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.etag()).isEqualTo("\"v2\"");
        var stale = alice.patch("/api/v1/orgs/" + orgId, Map.of("name", "Lost"), "If-Match", get.etag());
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.errorCode()).isEqualTo("precondition_failed");
        assertThat(alice.get("/api/v1/orgs/" + orgId).data().get("name").asString())
                .isEqualTo("Renamed");
    }

    @Test
    void ownerDeletesSoftlyAndTheOrgDisappears() {
        Api alice = Api.newUser(port);
        UUID orgId = alice.createOrg("Doomed");
        assertThat(alice.delete("/api/v1/orgs/" + orgId).status()).isEqualTo(204);
        assertThat(alice.get("/api/v1/orgs/" + orgId).status()).isEqualTo(404);
        assertThat(alice.get("/api/v1/orgs").json().get("meta").get("total").asLong())
                .isZero();
    }

    @Test
    void badInputIsAnEnvelopeErrorNeverA500() {
        Api alice = Api.newUser(port);
        assertThat(alice.get("/api/v1/orgs/not-a-uuid").status()).isEqualTo(400);
        assertThat(alice.post("/api/v1/orgs", Map.of("name", "x".repeat(201))).errorCode())
                .isEqualTo("validation_failed");
        assertThat(alice.post("/api/v1/orgs", Map.of("name", "ok", "subscriptionTier", "platinum"))
                        .status())
                .isEqualTo(400);
        assertThat(alice.post("/api/v1/orgs", "{not json").status()).isEqualTo(400);
        assertThat(alice.get("/api/v1/orgs?limit=1000").status()).isEqualTo(400);
        assertThat(alice.get("/api/v1/orgs?page=abc").status()).isEqualTo(400);
        assertThat(alice.get("/api/v1/orgs?sort=password").status()).isEqualTo(400);
    }
}
