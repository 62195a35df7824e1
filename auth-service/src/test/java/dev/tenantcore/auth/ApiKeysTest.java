package dev.tenantcore.auth;

import static dev.tenantcore.auth.Api.PASSWORD;
import static dev.tenantcore.auth.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.contracts.security.RevocationKeys;
import dev.tenantcore.engines.test.SharedEngines;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;

@AuthServiceTest
class ApiKeysTest {

    static final String[] SERVICE = {"X-Internal-Token", "local-internal-token"};

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    Api api;
    UUID orgId;
    UUID userId;
    String access;

    @BeforeEach
    void admin() {
        api = new Api(port);
        String email = Api.uniqueEmail("admin");
        userId = UUID.fromString(api.signUpConfirmed(email));
        access = api.login(email, PASSWORD).data().path("accessToken").asString();
        orgId = UUID.randomUUID();
        for (String action : List.of("create", "read", "update", "delete")) {
            CoreStub.grant(userId, orgId, action, "api_keys");
        }
        CoreStub.grant(userId, orgId, "read", "projects");
    }

    @Test
    void createsAKeyWhoseSecretIsShownOnceAndVerifiesForTheGateway() throws Exception {
        var created = create("ci", List.of(Map.of("action", "read", "resource", "projects")));
        assertThat(created.status()).isEqualTo(201);
        String secret = created.data().path("secret").asString();
        String keyId = created.data().path("key").path("id").asString();
        assertThat(secret).startsWith("sk_live_").hasSizeGreaterThan(50);
        assertThat(CoreStub.checks().toString()).contains(userId.toString());

        var verified = api.post("/internal/api-keys/verify", Map.of("key", secret), SERVICE);
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.data().path("keyId").asString()).isEqualTo(keyId);
        assertThat(verified.data().path("orgId").asString()).isEqualTo(orgId.toString());
        assertThat(verified.data().path("createdBy").asString()).isEqualTo(userId.toString());
        assertThat(verified.data().path("scopes").toString()).contains("projects");
        assertThat(api.post("/internal/api-keys/verify", Map.of("key", secret)).status())
                .isEqualTo(401);
        assertThat(api.post("/internal/api-keys/verify", Map.of("key", secret + "x"), SERVICE)
                        .errorCode())
                .isEqualTo("unauthorized");
        assertThat(api.post("/internal/api-keys/verify", Map.of("key", "sk_live_short"), SERVICE)
                        .status())
                .isEqualTo(401);

        var list = api.get("/api/v1/orgs/" + orgId + "/api-keys", bearer(access));
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().path("meta").path("total").asLong()).isEqualTo(1);
        assertThat(list.data().get(0).path("lastUsedAt").isMissingNode()).isFalse();
        assertThat(list.body().toString()).doesNotContain(secret).doesNotContain("secret");

        try (var db = SharedEngines.postgres().connect("auth_app");
                var rs = db.createStatement().executeQuery("SELECT count(*) FROM auth.api_keys")) {
            rs.next();
            assertThat(rs.getLong(1))
                    .as("row-level security hides keys without a tenant")
                    .isZero();
        }
    }

    @Test
    void refusesManagementWithoutCorePermissionAndScopesBeyondTheCreator() {
        var stranger = new Api(port);
        String email = Api.uniqueEmail("stranger");
        stranger.signUpConfirmed(email);
        String token =
                stranger.login(email, PASSWORD).data().path("accessToken").asString();
        var denied = stranger.post(
                "/api/v1/orgs/" + orgId + "/api-keys", Map.of("name", "x", "scopes", List.of()), bearer(token));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.errorCode()).isEqualTo("forbidden");
        assertThat(stranger.get("/api/v1/orgs/" + orgId + "/api-keys", bearer(token))
                        .status())
                .isEqualTo(403);

        var beyond = create("too much", List.of(Map.of("action", "delete", "resource", "projects")));
        assertThat(beyond.status()).isEqualTo(403);
        var invalid = create("bad", List.of(Map.of("action", "explode", "resource", "projects")));
        assertThat(invalid.errorCode()).isEqualTo("validation_failed");
        var past = api.post(
                "/api/v1/orgs/" + orgId + "/api-keys",
                Map.of("name", "old", "scopes", List.of(), "expiresAt", "2001-01-01T00:00:00Z"),
                bearer(access));
        assertThat(past.errorCode()).isEqualTo("validation_failed");
        assertThat(api.get("/api/v1/orgs/not-a-uuid/api-keys", bearer(access)).errorCode())
                .isEqualTo("validation_failed");
    }

    @Test
    void aRotatedKeysOldSecretWorksDuringTheOverlapAndFailsAfterIt() throws Exception {
        var created = create("rotating", List.of());
        String oldSecret = created.data().path("secret").asString();
        String keyId = created.data().path("key").path("id").asString();
        var rotated = api.post("/api/v1/orgs/" + orgId + "/api-keys/" + keyId + "/rotate", Map.of(), bearer(access));
        assertThat(rotated.status()).isEqualTo(200);
        String newSecret = rotated.data().path("secret").asString();
        assertThat(newSecret).isNotEqualTo(oldSecret);
        assertThat(verify(newSecret)).isEqualTo(200);
        assertThat(verify(oldSecret)).as("during the overlap").isEqualTo(200);

        // The overlap ends: move its end into the past, as time would.
        try (var db = SharedEngines.postgres().connect("auth_app")) {
            db.setAutoCommit(false);
            try (var st = db.createStatement()) {
                st.execute("SELECT set_config('app.current_org', '" + orgId + "', true)");
                assertThat(st.executeUpdate(
                                "UPDATE auth.api_keys SET previous_valid_until = now() - interval '1 second'"
                                        + " WHERE id = '" + keyId + "'"))
                        .isEqualTo(1);
            }
            db.commit();
        }
        assertThat(verify(oldSecret)).as("after the overlap").isEqualTo(401);
        assertThat(verify(newSecret)).isEqualTo(200);
        EmailJobsProbe.awaitEvent("api_key.rotated", "keyId", keyId);
    }

    @Test
    void aRevokedKeyFailsAtOnceAndIsOnTheRevocationList() {
        var created = create("doomed", List.of());
        String secret = created.data().path("secret").asString();
        String keyId = created.data().path("key").path("id").asString();
        assertThat(verify(secret)).isEqualTo(200);
        assertThat(api.delete("/api/v1/orgs/" + orgId + "/api-keys/" + keyId, bearer(access))
                        .status())
                .isEqualTo(204);
        assertThat(verify(secret)).isEqualTo(401);
        assertThat(redis.hasKey(RevocationKeys.apiKey(keyId))).isTrue();
        assertThat(api.delete("/api/v1/orgs/" + orgId + "/api-keys/" + keyId, bearer(access))
                        .status())
                .isEqualTo(404);
        EmailJobsProbe.awaitEvent("api_key.revoked", "keyId", keyId);
    }

    @Test
    void anExpiredKeyFails() throws Exception {
        var created = api.post(
                "/api/v1/orgs/" + orgId + "/api-keys",
                Map.of(
                        "name",
                        "brief",
                        "scopes",
                        List.of(),
                        "expiresAt",
                        Instant.now().plusSeconds(1).toString()),
                bearer(access));
        String secret = created.data().path("secret").asString();
        assertThat(verify(secret)).isEqualTo(200);
        Thread.sleep(1_100);
        assertThat(verify(secret)).isEqualTo(401);
    }

    private Api.Response create(String name, List<Map<String, String>> scopes) {
        return api.post("/api/v1/orgs/" + orgId + "/api-keys", Map.of("name", name, "scopes", scopes), bearer(access));
    }

    private int verify(String secret) {
        return api.post("/internal/api-keys/verify", Map.of("key", secret), SERVICE)
                .status();
    }
}
