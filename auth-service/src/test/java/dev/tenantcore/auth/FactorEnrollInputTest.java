package dev.tenantcore.auth;

import static dev.tenantcore.auth.Api.PASSWORD;
import static dev.tenantcore.auth.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Found by a bad-input sweep: text fields of the MFA enrollment took numbers, booleans, objects and arrays. */
@AuthServiceTest
class FactorEnrollInputTest {

    @LocalServerPort
    int port;

    Api api;
    String access;

    @BeforeEach
    void signIn() {
        api = new Api(port);
        String email = Api.uniqueEmail("factor-input");
        api.signUpConfirmed(email);
        access = api.login(email, PASSWORD).data().path("accessToken").asString();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"friendlyName\": 42}",
                "{\"friendlyName\": 4.2}",
                "{\"friendlyName\": true}",
                "{\"friendlyName\": {\"a\": 1}}",
                "{\"friendlyName\": [\"phone\"]}",
                "{\"factorType\": 1}",
                "{\"factor_type\": 1}",
                "{\"friendly_name\": 42}",
                "{\"friendly_name\": {}}",
                "{\"factor_type\": [\"totp\"]}"
            })
    void refusesANonStringWhereTheEnvelopeApiExpectsText(String body) {
        var response = api.raw("POST", "/api/v1/auth/factors", "application/json", body, bearer(access));
        assertThat(response.status()).as(body).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("validation_failed");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"factor_type\": 1}",
                "{\"factor_type\": true}",
                "{\"factor_type\": {\"t\": \"totp\"}}",
                "{\"factor_type\": [\"totp\"]}",
                "{\"factor_type\": \"totp\", \"friendly_name\": 42}",
                "{\"factor_type\": \"totp\", \"friendly_name\": 4.2}",
                "{\"factor_type\": \"totp\", \"friendly_name\": {}}",
                "{\"factor_type\": \"totp\", \"friendly_name\": [\"a\"]}"
            })
    void refusesANonStringWhereGoTrueExpectsText(String body) {
        var response = api.raw("POST", "/auth/v1/factors", "application/json", body, bearer(access));
        assertThat(response.status()).as(body).isEqualTo(400);
        assertThat(response.body().path("code").asInt()).isEqualTo(400);
        assertThat(response.body().path("error_code").asString()).isEqualTo("validation_failed");
    }

    @Test
    void stillEnrollsWithStringsOnBothSurfaces() {
        var envelope = api.raw(
                "POST", "/api/v1/auth/factors", "application/json", "{\"friendly_name\": \"phone\"}", bearer(access));
        assertThat(envelope.status()).isEqualTo(201);
        assertThat(envelope.data().path("friendlyName").asString()).isEqualTo("phone");
        var goTrue = api.raw(
                "POST",
                "/auth/v1/factors",
                "application/json",
                "{\"factor_type\": \"totp\", \"friendly_name\": \"laptop\"}",
                bearer(access));
        assertThat(goTrue.status()).isEqualTo(200);
        assertThat(goTrue.body().path("friendly_name").asString()).isEqualTo("laptop");
    }
}
