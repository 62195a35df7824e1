package dev.tenantcore.auth;

import static dev.tenantcore.auth.Api.PASSWORD;
import static dev.tenantcore.auth.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@AuthServiceTest
class MfaTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void aVerifiedTotpFactorRaisesTheSessionToAal2AndEachCodeWorksOnce() {
        String email = Api.uniqueEmail("mfa");
        api.signUpConfirmed(email);
        String access = api.login(email, PASSWORD).data().path("accessToken").asString();
        assertThat(Api.claims(access).path("aal").asString()).isEqualTo("aal1");

        var enrolled = api.post("/api/v1/auth/factors", Map.of("friendlyName", "phone"), bearer(access));
        assertThat(enrolled.status()).isEqualTo(201);
        String factorId = enrolled.data().path("id").asString();
        String secret = enrolled.data().path("totp").path("secret").asString();
        assertThat(enrolled.data().path("status").asString()).isEqualTo("unverified");
        assertThat(enrolled.data().path("totp").path("uri").asString())
                .startsWith("otpauth://totp/TenantCore:")
                .contains("secret=" + secret, "issuer=TenantCore", "period=30", "digits=6");
        byte[] stored = jdbc.sql("SELECT secret_enc FROM mfa_factors WHERE id = ?")
                .param(UUID.fromString(factorId))
                .query(byte[].class)
                .single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(secret);

        // A wrong code fails and spends its challenge.
        String challenge = challenge(factorId, access);
        String path = "/api/v1/auth/factors/" + factorId + "/verify";
        String wrong = TotpCodes.code(secret, 5);
        assertThat(api.post(path, Map.of("challengeId", challenge, "code", wrong), bearer(access))
                        .status())
                .isEqualTo(401);
        assertThat(api.post(path, Map.of("challengeId", challenge, "code", TotpCodes.code(secret, 0)), bearer(access))
                        .status())
                .isEqualTo(404);

        String code = TotpCodes.code(secret, 0);
        var verified = api.post(path, Map.of("challengeId", challenge(factorId, access), "code", code), bearer(access));
        assertThat(verified.status()).isEqualTo(200);
        String raised = verified.data().path("session").path("accessToken").asString();
        assertThat(Api.claims(raised).path("aal").asString()).isEqualTo("aal2");
        assertThat(Api.claims(raised).path("amr").toString()).contains("password", "totp");
        assertThat(verified.data().path("recoveryCodes")).hasSize(10);
        // The refresh token of the raised session keeps aal2.
        String refreshed = api.refresh(
                        verified.data().path("session").path("refreshToken").asString())
                .data()
                .path("accessToken")
                .asString();
        assertThat(Api.claims(refreshed).path("aal").asString()).isEqualTo("aal2");

        // The same code again (replay) is refused.
        assertThat(api.post(path, Map.of("challengeId", challenge(factorId, access), "code", code), bearer(access))
                        .status())
                .isEqualTo(401);

        // A new password login is aal1 until its second factor; the factor is listed as verified.
        String second = api.login(email, PASSWORD).data().path("accessToken").asString();
        assertThat(Api.claims(second).path("aal").asString()).isEqualTo("aal1");
        var factors = api.get("/api/v1/auth/factors", bearer(second));
        assertThat(factors.data().get(0).path("status").asString()).isEqualTo("verified");

        // Recovery codes: single use, raise to aal2.
        String recoveryCode = verified.data().path("recoveryCodes").get(0).asString();
        var recovered = api.post(
                "/api/v1/auth/factors/recovery-codes/verify",
                Map.of("code", recoveryCode.toUpperCase().replace("-", " ")),
                bearer(second));
        assertThat(recovered.status()).isEqualTo(200);
        assertThat(Api.claims(recovered.data().path("accessToken").asString())
                        .path("aal")
                        .asString())
                .isEqualTo("aal2");
        assertThat(api.post("/api/v1/auth/factors/recovery-codes/verify", Map.of("code", recoveryCode), bearer(second))
                        .status())
                .isEqualTo(401);

        // Removing a verified factor needs aal2.
        assertThat(api.delete("/api/v1/auth/factors/" + factorId, bearer(second))
                        .status())
                .isEqualTo(403);
        assertThat(api.delete("/api/v1/auth/factors/" + factorId, bearer(raised))
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/auth/factors", bearer(second)).data()).isEmpty();
        EmailJobsProbe.awaitEvent("user.mfa_changed", "factorId", factorId);
    }

    @Test
    void badInputIsRefusedWithStableCodes() {
        String email = Api.uniqueEmail("mfa-bad");
        api.signUpConfirmed(email);
        String access = api.login(email, PASSWORD).data().path("accessToken").asString();
        var unknown = api.post("/api/v1/auth/factors/" + UUID.randomUUID() + "/challenge", Map.of(), bearer(access));
        assertThat(unknown.status()).isEqualTo(404);
        var badType = api.post("/api/v1/auth/factors", Map.of("factorType", "sms"), bearer(access));
        assertThat(badType.status()).isEqualTo(400);
        assertThat(api.post("/api/v1/auth/factors", Map.of()).status()).isEqualTo(401);
    }

    private String challenge(String factorId, String access) {
        var challenge = api.post("/api/v1/auth/factors/" + factorId + "/challenge", Map.of(), bearer(access));
        assertThat(challenge.status()).isEqualTo(200);
        return challenge.data().path("id").asString();
    }
}
