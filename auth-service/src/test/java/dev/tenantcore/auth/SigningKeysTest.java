package dev.tenantcore.auth;

import static dev.tenantcore.auth.Api.PASSWORD;
import static dev.tenantcore.auth.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.engines.test.SharedEngines;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@AuthServiceTest
class SigningKeysTest {

    @LocalServerPort
    int port;

    @Test
    void rotationSignsWithANewKeyAndKeepsThePreviousOnePublished() {
        var api = new Api(port);
        String email = Api.uniqueEmail("rotate");
        api.signUpConfirmed(email);
        String before = api.login(email, PASSWORD).data().path("accessToken").asString();
        String oldKid = Api.header(before).path("kid").asString();

        assertThat(api.post("/internal/signing-keys/rotate", Map.of()).status()).isEqualTo(401);
        var rotated = api.post("/internal/signing-keys/rotate", Map.of(), "X-Internal-Token", "local-internal-token");
        assertThat(rotated.status()).isEqualTo(200);
        String newKid = rotated.data().path("kid").asString();
        assertThat(newKid).isNotEqualTo(oldKid);

        String after = api.login(email, PASSWORD).data().path("accessToken").asString();
        assertThat(Api.header(after).path("kid").asString()).isEqualTo(newKid);
        String jwks = api.get("/api/v1/auth/.well-known/jwks.json").body().toString();
        assertThat(jwks).contains(oldKid).contains(newKid);
        assertThat(api.get("/api/v1/auth/user", bearer(before)).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/auth/user", bearer(after)).status()).isEqualTo(200);
    }

    @Test
    void privateKeysAreSealedAtRestWithTheirKeyEncryptionKeyId() throws Exception {
        new Api(port).get("/api/v1/auth/.well-known/jwks.json");
        try (var db = SharedEngines.postgres().connect("auth_app");
                var rs = db.createStatement().executeQuery("SELECT kek_id, private_key_enc FROM auth.signing_keys")) {
            assertThat(rs.next()).isTrue();
            do {
                assertThat(rs.getString(1)).isEqualTo("local-1");
                String stored = new String(rs.getBytes(2), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertThat(stored).doesNotContain("\"d\"").doesNotContain("RSA").doesNotContain("\"kty\"");
            } while (rs.next());
        }
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefused() {
        String forged = dev.tenantcore.support.testing.TestTokens.accessToken(java.util.UUID.randomUUID(), "x@y.z");
        var response = new Api(port).get("/api/v1/auth/user", bearer(forged));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.errorCode()).isEqualTo("unauthorized");
    }
}
