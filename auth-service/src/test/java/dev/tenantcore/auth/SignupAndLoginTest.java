package dev.tenantcore.auth;

import static dev.tenantcore.auth.Api.PASSWORD;
import static dev.tenantcore.auth.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.contracts.jobs.EmailJob;
import dev.tenantcore.engines.test.SharedEngines;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.core.type.TypeReference;

@AuthServiceTest
class SignupAndLoginTest {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void signUpRequiresConfirmationByMailJobThenIssuesTokens() throws Exception {
        String email = Api.uniqueEmail("ada");
        var signup = api.post("/api/v1/auth/signup", Map.of("email", email, "password", PASSWORD));
        assertThat(signup.status()).isEqualTo(201);
        assertThat(signup.data().path("email").asString()).isEqualTo(email);
        assertThat(signup.data().has("emailConfirmedAt")).isFalse();
        assertThat(signup.data().has("passwordHash")).isFalse();

        var early = api.login(email, PASSWORD);
        assertThat(early.status()).isEqualTo(401);
        assertThat(early.body().path("error").path("details").path("reason").asString())
                .isEqualTo("email_not_confirmed");

        var record = EmailJobsProbe.awaitJob(email, EmailJob.SIGNUP_CONFIRMATION);
        // The shared EmailJob contract, keyed by the user so the worker renders it with its templates.
        assertThat(record.path("key").asString())
                .isEqualTo(signup.data().path("id").asString());
        var job = EmailJob.fromPayload(Api.JSON.convertValue(
                record.path("value").path("payload"), new TypeReference<Map<String, Object>>() {}));
        assertThat(job.to()).isEqualTo(email);
        String token = job.params().get("token");
        assertThat(token).hasSizeGreaterThanOrEqualTo(43);
        var verified = api.post("/api/v1/auth/verify", Map.of("type", "signup", "token", token));
        assertThat(verified.status()).isEqualTo(200);
        var again = api.post("/api/v1/auth/verify", Map.of("type", "signup", "token", token));
        assertThat(again.status()).isEqualTo(401);

        var login = api.login(email.toLowerCase(), PASSWORD);
        assertThat(login.status()).isEqualTo(200);
        String access = login.data().path("accessToken").asString();
        assertThat(login.data().path("refreshToken").asString()).hasSizeGreaterThanOrEqualTo(43);
        var me = api.get("/api/v1/auth/user", bearer(access));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.data().path("email").asString()).isEqualTo(email);
        assertThat(me.data().path("emailConfirmedAt").isMissingNode()).isFalse();
    }

    @Test
    void accessTokenCarriesTheAgreedClaimsAndAKeyPublishedInTheJwks() {
        String email = Api.uniqueEmail("claims");
        String userId = api.signUpConfirmed(email);
        String access = api.login(email, PASSWORD).data().path("accessToken").asString();

        var header = Api.header(access);
        assertThat(header.path("alg").asString()).isEqualTo("ES256");
        assertThat(header.path("typ").asString()).isEqualTo("JWT");
        var claims = Api.claims(access);
        assertThat(claims.path("sub").asString()).isEqualTo(userId);
        assertThat(claims.path("email").asString()).isEqualTo(email);
        assertThat(claims.path("iss").asString()).isEqualTo("tenantcore");
        assertThat(claims.path("aud").toString()).contains("authenticated");
        assertThat(claims.path("role").asString()).isEqualTo("authenticated");
        assertThat(claims.path("aal").asString()).isEqualTo("aal1");
        assertThat(claims.path("amr").toString()).contains("password");
        assertThat(claims.path("sid").asString()).isNotBlank();
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(900);
        assertThat(claims.path("nbf").asLong()).isEqualTo(claims.path("iat").asLong());

        var jwks = api.get("/api/v1/auth/.well-known/jwks.json");
        assertThat(jwks.status()).isEqualTo(200);
        assertThat(jwks.body().path("keys").toString())
                .contains(header.path("kid").asString());
        assertThat(jwks.body().toString()).doesNotContain("\"d\"");
    }

    @Test
    void storesArgon2idWithItsParametersAndRehashesWeakerHashesAtLogin() throws Exception {
        String email = Api.uniqueEmail("hash");
        String userId = api.signUpConfirmed(email);
        assertThat(passwordHash(userId)).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");

        var weaker = new org.springframework.security.crypto.argon2.Argon2PasswordEncoder(16, 32, 1, 4096, 1);
        try (var db = SharedEngines.postgres().connect("auth_app");
                var update = db.prepareStatement("UPDATE auth.users SET password_hash = ? WHERE id = ?::uuid")) {
            update.setString(1, weaker.encode(PASSWORD));
            update.setString(2, userId);
            update.executeUpdate();
        }
        assertThat(passwordHash(userId)).contains("m=4096,t=1");
        assertThat(api.login(email, PASSWORD).status()).isEqualTo(200);
        assertThat(passwordHash(userId)).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    }

    @Test
    void refusesWeakCommonAndMalformedInputWithStableCodes() {
        var shortPassword = api.post("/api/v1/auth/signup", Map.of("email", Api.uniqueEmail("w"), "password", "short"));
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.errorCode()).isEqualTo("validation_failed");
        var common = api.post("/api/v1/auth/signup", Map.of("email", Api.uniqueEmail("w"), "password", "Password123"));
        assertThat(common.errorCode()).isEqualTo("validation_failed");
        assertThat(common.body().toString()).contains("too common");
        var noComposition = api.post(
                "/api/v1/auth/signup", Map.of("email", Api.uniqueEmail("w"), "password", "all lowercase words"));
        assertThat(noComposition.status()).isEqualTo(201);
        var badEmail = api.post("/api/v1/auth/signup", Map.of("email", "not-an-email", "password", PASSWORD));
        assertThat(badEmail.errorCode()).isEqualTo("validation_failed");
        var noDomainDot = api.post("/api/v1/auth/signup", Map.of("email", "a@b", "password", PASSWORD));
        assertThat(noDomainDot.errorCode()).isEqualTo("validation_failed");
        var unknownGrant = api.post("/api/v1/auth/token?grant_type=magic", Map.of());
        assertThat(unknownGrant.errorCode()).isEqualTo("validation_failed");
        var missingGrant = api.post("/api/v1/auth/token", Map.of());
        assertThat(missingGrant.errorCode()).isEqualTo("validation_failed");
        var missingPassword = api.post("/api/v1/auth/token?grant_type=password", Map.of("email", "x@y.z"));
        assertThat(missingPassword.errorCode()).isEqualTo("validation_failed");
        var notJson = api.raw("POST", "/api/v1/auth/signup", "application/json", "{nope");
        assertThat(notJson.errorCode()).isEqualTo("validation_failed");
        var wrongType = api.raw("POST", "/api/v1/auth/signup", "text/plain", "hello");
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.errorCode()).isEqualTo("unsupported_media_type");
        var huge = api.raw(
                "POST", "/api/v1/auth/signup", "application/json", "{\"email\":\"" + "a".repeat(2_000_000) + "\"}");
        assertThat(huge.status()).isEqualTo(413);
        var noToken = api.get("/api/v1/auth/user");
        assertThat(noToken.errorCode()).isEqualTo("unauthorized");
        var badVerifyType = api.post("/api/v1/auth/verify", Map.of("type", "bogus", "token", "x"));
        assertThat(badVerifyType.errorCode()).isEqualTo("validation_failed");
    }

    @Test
    void refusesASecondAccountForTheSameAddressInAnyCase() {
        String email = Api.uniqueEmail("dup");
        assertThat(api.post("/api/v1/auth/signup", Map.of("email", email, "password", PASSWORD))
                        .status())
                .isEqualTo(201);
        var again = api.post("/api/v1/auth/signup", Map.of("email", email.toUpperCase(), "password", PASSWORD));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("conflict");
    }

    @Test
    void wrongPasswordAndUnknownAccountLookTheSame() {
        String email = Api.uniqueEmail("wrong");
        api.signUpConfirmed(email);
        var wrong = api.login(email, "not the password");
        var unknown = api.login(Api.uniqueEmail("nobody"), "not the password");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo(unknown.body());
    }

    static String passwordHash(String userId) throws Exception {
        try (var db = SharedEngines.postgres().connect("auth_app");
                var query = db.prepareStatement("SELECT password_hash FROM auth.users WHERE id = ?::uuid")) {
            query.setString(1, userId);
            try (var rs = query.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
