package dev.tenantcore.auth;

import static dev.tenantcore.auth.Api.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@AuthServiceTest
class LoginThrottleTest {

    @LocalServerPort
    int port;

    @Test
    void locksAnAccountAfterFiveFailuresEvenForTheRightPassword() {
        var api = new Api(port);
        String email = Api.uniqueEmail("locked");
        api.signUpConfirmed(email);
        for (int i = 0; i < 5; i++) {
            assertThat(new Api(port).login(email, "wrong password " + i).status())
                    .isEqualTo(401);
        }
        var locked = new Api(port).login(email, PASSWORD);
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.errorCode()).isEqualTo("rate_limited");
        long retryAfter =
                Long.parseLong(locked.raw().headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 900L);
    }

    @Test
    void aSuccessfulLoginResetsTheAccountCount() {
        var api = new Api(port);
        String email = Api.uniqueEmail("reset");
        api.signUpConfirmed(email);
        for (int i = 0; i < 4; i++) {
            assertThat(new Api(port).login(email, "wrong").status()).isEqualTo(401);
        }
        assertThat(api.login(email, PASSWORD).status()).isEqualTo(200);
        for (int i = 0; i < 4; i++) {
            assertThat(new Api(port).login(email, "wrong").status()).isEqualTo(401);
        }
        assertThat(api.login(email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void locksAnAddressThatTriesManyAccounts() {
        var attacker = new Api(port);
        for (int i = 0; i < 20; i++) {
            assertThat(attacker.login(Api.uniqueEmail("spray"), "Winter2024!").status())
                    .isEqualTo(401);
        }
        var limited = attacker.login(Api.uniqueEmail("spray"), "Winter2024!");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.raw().headers().firstValue("Retry-After")).isPresent();
    }
}
