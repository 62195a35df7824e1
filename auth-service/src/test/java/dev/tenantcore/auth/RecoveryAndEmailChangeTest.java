package dev.tenantcore.auth;

import static dev.tenantcore.auth.Api.PASSWORD;
import static dev.tenantcore.auth.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.contracts.jobs.EmailJob;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@AuthServiceTest
class RecoveryAndEmailChangeTest {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void recoveryAnswersAlikeForUnknownAddressesAndItsTokenWorksOnce() {
        String email = Api.uniqueEmail("recover");
        api.signUpConfirmed(email);
        var known = api.post("/api/v1/auth/recover", Map.of("email", email));
        var unknown = api.post("/api/v1/auth/recover", Map.of("email", Api.uniqueEmail("ghost")));
        assertThat(known.status()).isEqualTo(202);
        assertThat(unknown.status()).isEqualTo(202);
        assertThat(known.body()).isEqualTo(unknown.body());

        String token = EmailJobsProbe.awaitToken(email, EmailJob.RECOVERY);
        var session = api.post("/api/v1/auth/verify", Map.of("type", "recovery", "token", token));
        assertThat(session.status()).isEqualTo(200);
        assertThat(Api.claims(session.data().path("accessToken").asString())
                        .path("amr")
                        .toString())
                .contains("recovery");
        assertThat(api.post("/api/v1/auth/verify", Map.of("type", "recovery", "token", token))
                        .status())
                .isEqualTo(401);
        String access = session.data().path("accessToken").asString();
        assertThat(api.put("/api/v1/auth/user", Map.of("password", "recovered passphrase"), bearer(access))
                        .status())
                .isEqualTo(200);
        assertThat(api.login(email, "recovered passphrase").status()).isEqualTo(200);
    }

    @Test
    void aSignupTokenIsNotARecoveryToken() {
        String email = Api.uniqueEmail("mixup");
        api.post("/api/v1/auth/signup", Map.of("email", email, "password", PASSWORD));
        String token = EmailJobsProbe.awaitToken(email, EmailJob.SIGNUP_CONFIRMATION);
        assertThat(api.post("/api/v1/auth/verify", Map.of("type", "recovery", "token", token))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void emailChangeTakesEffectOnlyOnceTheNewAddressConfirms() {
        String email = Api.uniqueEmail("old");
        api.signUpConfirmed(email);
        String access = api.login(email, PASSWORD).data().path("accessToken").asString();
        String newEmail = Api.uniqueEmail("new");
        var requested = api.put("/api/v1/auth/user", Map.of("email", newEmail), bearer(access));
        assertThat(requested.status()).isEqualTo(200);
        assertThat(requested.data().path("email").asString()).isEqualTo(email);
        assertThat(requested.data().path("pendingEmail").asString()).isEqualTo(newEmail);
        assertThat(api.login(newEmail, PASSWORD).status()).isEqualTo(401);

        String token = EmailJobsProbe.awaitToken(newEmail, EmailJob.EMAIL_CHANGE);
        assertThat(api.post("/api/v1/auth/verify", Map.of("type", "email_change", "token", token))
                        .status())
                .isEqualTo(200);
        assertThat(api.login(newEmail, PASSWORD).status()).isEqualTo(200);
        assertThat(api.login(email, PASSWORD).status()).isEqualTo(401);
        EmailJobsProbe.awaitEvent("user.email_changed", "email", newEmail);
    }
}
