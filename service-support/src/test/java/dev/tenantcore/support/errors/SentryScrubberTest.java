package dev.tenantcore.support.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.Breadcrumb;
import io.sentry.Hint;
import io.sentry.IScopes;
import io.sentry.Sentry;
import io.sentry.SentryEvent;
import io.sentry.protocol.Message;
import io.sentry.protocol.Request;
import io.sentry.protocol.SentryException;
import io.sentry.protocol.User;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class SentryScrubberTest {

    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXRoYXQtaXMtbG9uZw";
    private static final String REFRESH = "Qm9yZWQtUmVmcmVzaC1Ub2tlbi0xMjM0NTY3ODkwYWJjZA";
    private static final String API_KEY = "sk_live_AbCdEf123456GhIjKl7890MnOp";
    private static final String PASSWORD = "Tr0ub4dor&3-horse";
    private static final String EMAIL = "ada.lovelace@example.com";

    private final SentryScrubber scrubber = new SentryScrubber();

    @Test
    void removesCredentialsCookiesAndPersonalDataFromTheRequestAndUser() {
        var request = new Request();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + JWT);
        headers.put("Cookie", "session=abc");
        headers.put("X-API-Key", API_KEY);
        headers.put("X-Internal-Token", "local-internal-token");
        headers.put("X-Request-Id", "req-1");
        headers.put("Content-Type", "application/json");
        request.setHeaders(headers);
        request.setCookies("session=abc");
        request.setData("{\"email\":\"" + EMAIL + "\",\"password\":\"" + PASSWORD + "\"}");
        request.setQueryString("grant_type=refresh_token&refresh_token=" + REFRESH + "&page=2");
        request.setUrl("https://api.example.com/api/v1/auth/token");
        var user = new User();
        user.setEmail(EMAIL);
        user.setIpAddress("203.0.113.9");
        user.setId("7c9e6679-7425-40de-944b-e07fc1f90ae7");
        var event = new SentryEvent();
        event.setRequest(request);
        event.setUser(user);

        var sent = scrubber.execute(event, new Hint());

        assertThat(sent.getRequest().getHeaders())
                .containsEntry("Authorization", SentryScrubber.FILTERED)
                .containsEntry("Cookie", SentryScrubber.FILTERED)
                .containsEntry("X-API-Key", SentryScrubber.FILTERED)
                .containsEntry("X-Internal-Token", SentryScrubber.FILTERED)
                .containsEntry("X-Request-Id", "req-1")
                .containsEntry("Content-Type", "application/json");
        assertThat(sent.getRequest().getCookies()).isNull();
        assertThat(sent.getRequest().getData()).isNull();
        assertThat(sent.getRequest().getQueryString())
                .isEqualTo("grant_type=refresh_token&refresh_token=[Filtered]&page=2");
        assertThat(sent.getUser().getEmail()).isNull();
        assertThat(sent.getUser().getIpAddress()).isNull();
        assertThat(sent.getUser().getId()).isEqualTo("7c9e6679-7425-40de-944b-e07fc1f90ae7");
    }

    @Test
    void scrubsSecretsFromMessagesExceptionsBreadcrumbsExtrasAndTags() {
        var event = new SentryEvent();
        var message = new Message();
        message.setMessage("login failed for {} with password={}");
        message.setFormatted("login failed for " + EMAIL + " with password=" + PASSWORD);
        message.setParams(List.of(EMAIL, PASSWORD));
        event.setMessage(message);
        var exception = new SentryException();
        exception.setValue("could not verify Bearer " + JWT + " nor " + API_KEY + " for " + EMAIL);
        event.setExceptions(List.of(exception));
        var crumb = new Breadcrumb();
        crumb.setMessage("rotated {\"refreshToken\":\"" + REFRESH + "\"}");
        crumb.setData("token", JWT);
        crumb.setData("path", "/api/v1/orgs/7c9e6679-7425-40de-944b-e07fc1f90ae7/projects");
        event.setBreadcrumbs(List.of(crumb));
        event.setExtra("requestId", "req-1");
        event.setExtra("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
        event.setExtra("body", "opaque " + REFRESH);
        event.setTag("user_email", EMAIL);
        event.setTag("service", "core-service");

        var sent = scrubber.execute(event, new Hint());

        String everything = String.join(
                "\n",
                sent.getMessage().getFormatted(),
                String.valueOf(sent.getMessage().getParams()),
                sent.getExceptions().getFirst().getValue(),
                sent.getBreadcrumbs().getFirst().getMessage(),
                String.valueOf(sent.getBreadcrumbs().getFirst().getData()),
                String.valueOf(sent.getExtras()),
                String.valueOf(sent.getTags()));
        assertThat(everything)
                .doesNotContain(PASSWORD)
                .doesNotContain(EMAIL)
                .doesNotContain(JWT)
                .doesNotContain(REFRESH)
                .doesNotContain(API_KEY)
                .contains("login failed for [Filtered] with password=[Filtered]\n")
                .contains("7c9e6679-7425-40de-944b-e07fc1f90ae7")
                .contains("4bf92f3577b34da6a3ce929d0e0e4736")
                .contains("req-1")
                .contains("core-service");
    }

    @Test
    void freeTextKeepsWhatIsNotSecret() {
        assertThat(SentryScrubber.scrub("project 7c9e6679-7425-40de-944b-e07fc1f90ae7 not found (trace"
                        + " 4bf92f3577b34da6a3ce929d0e0e4736)"))
                .isEqualTo("project 7c9e6679-7425-40de-944b-e07fc1f90ae7 not found (trace"
                        + " 4bf92f3577b34da6a3ce929d0e0e4736)");
        assertThat(SentryScrubber.scrub("{\"password\":\"a \\\"quoted\\\" one\",\"name\":\"x\"}"))
                .isEqualTo("{\"password\":[Filtered],\"name\":\"x\"}");
        assertThat(SentryScrubber.scrub("GET /reset?token=abc&page=2")).isEqualTo("GET /reset?token=[Filtered]&page=2");
        assertThat(SentryScrubber.scrub("Authorization: Basic dXNlcjpwYXNz")).isEqualTo("Authorization: [Filtered]");
    }

    @Test
    void isWiredIntoSentryOnlyWhenADsnIsSet() {
        var runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        ErrorReporting.class, io.sentry.spring.boot4.SentryAutoConfiguration.class));
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(SentryScrubber.class);
            assertThat(context).doesNotHaveBean(IScopes.class);
        });
        try {
            runner.withPropertyValues("sentry.dsn=https://public@sentry.invalid/1")
                    .run(context -> {
                        assertThat(context).hasSingleBean(SentryScrubber.class);
                        assertThat(context.getBean(IScopes.class).getOptions().getBeforeSend())
                                .isInstanceOf(SentryScrubber.class);
                    });
        } finally {
            Sentry.close();
        }
    }
}
