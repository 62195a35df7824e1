package dev.tenantcore.core.organizations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.core.Api;
import dev.tenantcore.core.CoreServiceTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/** The gateway reads an organization's tier from {@code GET /internal/organizations/{orgId}/tier}. */
@CoreServiceTest
class InternalTierTest {

    static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Test
    void answersTheTierAndFollowsAChange() throws Exception {
        Api owner = Api.newUser(port);
        UUID org = owner.post("/api/v1/orgs", Map.of("name", "Tiered", "subscriptionTier", "pro"))
                .id();
        assertThat(tier(org)).isEqualTo("pro");

        var current = owner.get("/api/v1/orgs/" + org);
        var updated = owner.patch(
                "/api/v1/orgs/" + org, Map.of("subscriptionTier", "enterprise"), "If-Match", current.etag());
        assertThat(updated.status()).isEqualTo(200);
        assertThat(tier(org)).isEqualTo("enterprise");
    }

    @Test
    void unknownOrgsAndCallersWithoutTheServiceCredentialAreRefused() throws Exception {
        assertThat(get("/internal/organizations/" + UUID.randomUUID() + "/tier", "local-internal-token")
                        .statusCode())
                .isEqualTo(404);
        assertThat(get("/internal/organizations/not-a-uuid/tier", "local-internal-token")
                        .statusCode())
                .isEqualTo(400);
        UUID org = Api.newUser(port).createOrg("Private");
        assertThat(get("/internal/organizations/" + org + "/tier", null).statusCode())
                .isEqualTo(401);
    }

    private String tier(UUID org) throws Exception {
        var response = get("/internal/organizations/" + org + "/tier", "local-internal-token");
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).get("data").get("tier").asString();
    }

    private HttpResponse<String> get(String path, @Nullable String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .GET();
        if (token != null) {
            request.header("X-Internal-Token", token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
