package dev.tenantcore.auth;

import static dev.tenantcore.auth.Api.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.contracts.security.RevocationKeys;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Profile updates publish {@code user.updated}; {@code DELETE /api/v1/auth/user} removes the account. */
@AuthServiceTest
class AccountDeletionTest {

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JdbcClient jdbc;

    @Test
    void changedMetadataPublishesUserUpdatedWithTheDisplayName() {
        var api = new Api(port);
        String email = Api.uniqueEmail("updated");
        String userId = api.signUpConfirmed(email);
        String token = api.login(email, PASSWORD).data().path("accessToken").asString();

        var put = api.put(
                "/api/v1/auth/user",
                Map.of("data", Map.of("name", "Ada", "full_name", "Ada Lovelace")),
                Api.bearer(token));
        assertThat(put.status()).isEqualTo(200);

        var event = EmailJobsProbe.awaitEvent("user.updated", "userId", userId);
        assertThat(event.path("payload").path("email").asString()).isEqualTo(email);
        assertThat(event.path("payload").path("displayName").asString()).isEqualTo("Ada Lovelace");
        assertThat(auditTypes(userId)).containsOnlyOnce("user.updated");

        // The same metadata again changes nothing and publishes nothing.
        api.put("/api/v1/auth/user", Map.of("data", Map.of("name", "Ada")), Api.bearer(token));
        assertThat(auditTypes(userId)).containsOnlyOnce("user.updated");
    }

    @Test
    void deletesTheAccountWithItsPasswordAndEndsEverySessionAtOnce() {
        var api = new Api(port);
        String email = Api.uniqueEmail("delete");
        String userId = api.signUpConfirmed(email);
        JsonNode first = api.login(email, PASSWORD).data();
        JsonNode second = api.login(email, PASSWORD).data();
        String token = first.path("accessToken").asString();

        var missing = api.delete("/api/v1/auth/user", Api.bearer(token));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().path("error").path("details").path("reason").asString())
                .isEqualTo("password_required");
        var wrong = api.send("DELETE", "/api/v1/auth/user", Map.of("password", "not the password"), Api.bearer(token));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.errorCode()).isEqualTo("unauthorized");
        assertThat(wrong.body().path("error").path("details").path("reason").asString())
                .isEqualTo("invalid_password");

        var deleted = api.send("DELETE", "/api/v1/auth/user", Map.of("password", PASSWORD), Api.bearer(token));
        assertThat(deleted.status()).isEqualTo(204);

        for (JsonNode session : List.of(first, second)) {
            String sid = Api.claims(session.path("accessToken").asString())
                    .path("sid")
                    .asString();
            assertThat(redis.hasKey(RevocationKeys.session(sid))).isTrue();
        }
        assertThat(api.get(
                                "/api/v1/auth/user",
                                Api.bearer(second.path("accessToken").asString()))
                        .status())
                .isEqualTo(401);
        assertThat(api.refresh(second.path("refreshToken").asString()).status()).isEqualTo(401);
        assertThat(api.login(email, PASSWORD).status()).isEqualTo(401);
        for (String table : List.of("users", "sessions", "refresh_tokens", "identities", "mfa_factors")) {
            String column = table.equals("users") ? "id" : "user_id";
            assertThat(jdbc.sql("SELECT count(*) FROM " + table + " WHERE " + column + " = ?::uuid")
                            .param(userId)
                            .query(Long.class)
                            .single())
                    .as(table)
                    .isZero();
        }
        assertThat(auditTypes(userId)).contains("user.deleted");
        EmailJobsProbe.awaitEvent("user.deleted", "userId", userId);
    }

    @Test
    void wrongPasswordsForDeletionAreLimitedLikeLogins() {
        var api = new Api(port);
        String email = Api.uniqueEmail("delete-limit");
        api.signUpConfirmed(email);
        String token = api.login(email, PASSWORD).data().path("accessToken").asString();
        for (int i = 0; i < 5; i++) {
            assertThat(api.send("DELETE", "/api/v1/auth/user", Map.of("password", "guess " + i), Api.bearer(token))
                            .status())
                    .isEqualTo(401);
        }
        var limited = api.send("DELETE", "/api/v1/auth/user", Map.of("password", PASSWORD), Api.bearer(token));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.errorCode()).isEqualTo("rate_limited");
        assertThat(limited.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(api.get("/api/v1/auth/user", Api.bearer(token)).status()).isEqualTo(200);
    }

    private List<String> auditTypes(String userId) {
        return jdbc.sql("SELECT type FROM audit_events WHERE user_id = ?::uuid")
                .param(userId)
                .query(String.class)
                .list();
    }
}
