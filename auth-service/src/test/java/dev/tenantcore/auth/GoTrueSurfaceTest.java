package dev.tenantcore.auth;

import static dev.tenantcore.auth.Api.PASSWORD;
import static dev.tenantcore.auth.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** GoTrue's shapes under /auth/v1 (the auth-js run is {@link SupabaseAuthJsTest}), with confirmation required. */
@AuthServiceTest
class GoTrueSurfaceTest {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void signupWithConfirmationAnswersTheUserAndTokenAnswersGoTruesSession() {
        String email = Api.uniqueEmail("gotrue");
        var signup = api.post("/auth/v1/signup", Map.of("email", email, "password", PASSWORD));
        assertThat(signup.status()).isEqualTo(200);
        assertThat(signup.body().path("aud").asString()).isEqualTo("authenticated");
        assertThat(signup.body().has("access_token")).isFalse();

        var early = api.post("/auth/v1/token?grant_type=password", Map.of("email", email, "password", PASSWORD));
        assertThat(early.status()).isEqualTo(400);
        assertThat(early.body().path("error_code").asString()).isEqualTo("email_not_confirmed");

        String token = EmailJobsProbe.awaitToken(email, dev.tenantcore.contracts.jobs.EmailJob.SIGNUP_CONFIRMATION);
        var verified = api.post("/auth/v1/verify", Map.of("type", "signup", "token_hash", token));
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.body().path("user").path("email_confirmed_at").isString())
                .isTrue();

        var session = api.post("/auth/v1/token?grant_type=password", Map.of("email", email, "password", PASSWORD));
        assertThat(session.status()).isEqualTo(200);
        var body = session.body();
        assertThat(body.path("token_type").asString()).isEqualTo("bearer");
        assertThat(body.path("expires_in").asLong()).isEqualTo(900);
        assertThat(body.path("expires_at").asLong()).isGreaterThan(System.currentTimeMillis() / 1000);
        assertThat(body.path("user").path("role").asString()).isEqualTo("authenticated");
        assertThat(body.path("user").path("app_metadata").path("provider").asString())
                .isEqualTo("email");

        var refreshed = api.post(
                "/auth/v1/token?grant_type=refresh_token",
                Map.of("refresh_token", body.path("refresh_token").asString()));
        assertThat(refreshed.status()).isEqualTo(200);
        String access = refreshed.body().path("access_token").asString();
        var user = api.get("/auth/v1/user", bearer(access));
        assertThat(user.body().path("id").asString())
                .isEqualTo(body.path("user").path("id").asString());

        assertThat(api.post("/auth/v1/logout?scope=local", Map.of(), bearer(access))
                        .status())
                .isEqualTo(204);
        var after = api.get("/auth/v1/user", bearer(access));
        assertThat(after.status()).isEqualTo(403);
        assertThat(after.body().path("error_code").asString()).isEqualTo("session_not_found");
    }

    @Test
    void failuresUseGoTruesErrorShape() {
        var none = api.get("/auth/v1/user");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.body().path("code").asInt()).isEqualTo(401);
        assertThat(none.body().path("error_code").asString()).isEqualTo("no_authorization");
        assertThat(none.body().path("msg").isString()).isTrue();

        assertThat(api.get("/auth/v1/user", bearer("not.a.jwt"))
                        .body()
                        .path("error_code")
                        .asString())
                .isEqualTo("bad_jwt");
        var grant = api.post("/auth/v1/token?grant_type=magic", Map.of());
        assertThat(grant.status()).isEqualTo(400);
        assertThat(grant.body().path("error_code").asString()).isEqualTo("validation_failed");
        var malformed = api.raw("POST", "/auth/v1/signup", "application/json", "{not json");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().path("error_code").asString()).isEqualTo("bad_json");
        var wrongType = api.raw("POST", "/auth/v1/signup", "text/plain", "email=x");
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.body().path("error_code").asString()).isEqualTo("bad_content_type");
        var invalid = api.post("/auth/v1/signup", Map.of("email", "nope", "password", PASSWORD));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().path("error_code").asString()).isEqualTo("validation_failed");
        // A public path ignores a bearer token (supabase-js sends its anon key there).
        var settings = api.get("/auth/v1/settings", bearer("anon-key"));
        assertThat(settings.status()).isEqualTo(200);
        assertThat(settings.body().path("mailer_autoconfirm").asBoolean()).isFalse();
        var jwks = api.get("/auth/v1/.well-known/jwks.json");
        assertThat(jwks.body().path("keys").size())
                .withFailMessage(() -> jwks.status() + " " + jwks.raw().body())
                .isPositive();
    }
}
