package dev.tenantcore.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The business metrics operators watch: sign-ups, logins by outcome, refresh-token grants by outcome. */
@AuthServiceTest
class AuthMetricsTest {

    @LocalServerPort
    int port;

    @Test
    void signUpsLoginsAndRefreshesAreCountedByOutcome() {
        var api = new Api(port);
        double signups = value(api, "auth_signups_total\\{[^}]*\\}");
        double good = value(api, "auth_logins_total\\{[^}]*outcome=\"success\"[^}]*\\}");
        double bad = value(api, "auth_logins_total\\{[^}]*outcome=\"invalid_credentials\"[^}]*\\}");
        double rotated = value(api, "auth_refreshes_total\\{[^}]*outcome=\"rotated\"[^}]*\\}");

        String email = Api.uniqueEmail("metrics");
        api.signUpConfirmed(email);
        assertThat(api.login(email, "not the password at all").status()).isEqualTo(401);
        var login = api.login(email, Api.PASSWORD);
        assertThat(login.status()).isEqualTo(200);
        assertThat(api.refresh(login.data().path("refreshToken").asString()).status())
                .isEqualTo(200);

        assertThat(value(api, "auth_signups_total\\{[^}]*\\}")).isEqualTo(signups + 1);
        assertThat(value(api, "auth_logins_total\\{[^}]*outcome=\"success\"[^}]*\\}"))
                .isEqualTo(good + 1);
        assertThat(value(api, "auth_logins_total\\{[^}]*outcome=\"invalid_credentials\"[^}]*\\}"))
                .isEqualTo(bad + 1);
        assertThat(value(api, "auth_refreshes_total\\{[^}]*outcome=\"rotated\"[^}]*\\}"))
                .isEqualTo(rotated + 1);
    }

    /** A counter's value in the Prometheus scrape, 0 before it first counts. */
    private double value(Api api, String series) {
        String scrape;
        try {
            scrape = java.net.http.HttpClient.newBuilder()
                    .version(java.net.http.HttpClient.Version.HTTP_1_1)
                    .build()
                    .send(
                            java.net.http.HttpRequest.newBuilder(
                                            java.net.URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
        Matcher matcher = Pattern.compile("(?m)^" + series + " ([0-9.eE+-]+)$").matcher(scrape);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
