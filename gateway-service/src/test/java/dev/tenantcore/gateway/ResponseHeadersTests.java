package dev.tenantcore.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.contracts.api.ErrorCode;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Security headers on every answer, errors included, and CORS for the configured origin only. */
class ResponseHeadersTests extends GatewayTestSupport {

    static final String ALLOWED = "https://app.example.com";
    static final String EVIL = "https://evil.example";

    static Stream<Arguments> everyKindOfAnswer() {
        return Stream.of(
                answer(200, c -> c.get().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, bearer())),
                answer(200, c -> c.get().uri("/api/v1/health")),
                answer(200, c -> c.post().uri("/api/v1/auth/token")),
                answer(401, c -> c.get().uri("/api/v1/me")),
                answer(401, c -> c.get().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer x.y.z")),
                answer(403, c -> c.get().uri("/api/v1/orgs/o1/status/403").header(HttpHeaders.AUTHORIZATION, bearer())),
                answer(401, c -> c.get().uri("/no/such/thing")),
                answer(404, c -> c.get().uri("/no/such/thing").header(HttpHeaders.AUTHORIZATION, bearer())),
                answer(404, c -> c.get().uri("/internal/authz/check")),
                answer(405, c -> c.post().uri("/api/v1/health")),
                answer(409, c -> c.get().uri("/api/v1/orgs/o1/conflict").header(HttpHeaders.AUTHORIZATION, bearer())),
                answer(
                        413,
                        c -> c.post()
                                .uri("/api/v1/orgs/o1/projects")
                                .header(HttpHeaders.AUTHORIZATION, bearer())
                                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                                .bodyValue(new byte[1024 * 1024 + 1])),
                answer(414, c -> c.get().uri("/api/v1/orgs/o1/" + "a".repeat(10_000))),
                answer(
                        414,
                        c -> c.get()
                                .uri("/api/v1/me?q=" + "a".repeat(10_000))
                                .header(HttpHeaders.AUTHORIZATION, bearer())),
                answer(500, c -> c.get().uri("/api/v1/orgs/o1/status/500").header(HttpHeaders.AUTHORIZATION, bearer())),
                answer(
                        503,
                        c -> c.get().uri("/api/v1/orgs/o1/status/503").header(HttpHeaders.AUTHORIZATION, bearer())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKindOfAnswer")
    void carriesTheSecurityHeaders(int status, Function<WebTestClient, WebTestClient.RequestHeadersSpec<?>> request) {
        var result = request.apply(client).exchange().expectBody().returnResult();
        assertThat(result.getStatus().value()).isEqualTo(status);
        assertSecurityHeaders(result);
        if (status >= 400 || result.getRequestHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
            assertThat(result.getResponseHeaders().getFirst(HttpHeaders.CACHE_CONTROL))
                    .isEqualTo("no-store");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKindOfAnswer")
    void givesNoCorsHeadersToAnOriginNotAllowed(
            int status, Function<WebTestClient, WebTestClient.RequestHeadersSpec<?>> request) {
        var result = request.apply(client)
                .header(HttpHeaders.ORIGIN, EVIL)
                .exchange()
                .expectBody()
                .returnResult();
        // Refused as a CORS request (403), unless refused earlier for its URL (414) or path (404, /internal/**).
        assertThat(result.getStatus().value()).isIn(403, 404, 414);
        assertThat(result.getResponseHeaders().getAccessControlAllowOrigin()).isNull();
        assertThat(result.getResponseHeaders().containsHeader("Access-Control-Allow-Credentials"))
                .isFalse();
        assertSecurityHeaders(result);
    }

    @Test
    void refusesAnOverlongUrlInTheEnvelopeAndPassesOneWithinTheLimit() {
        for (var overlong : List.of("/api/v1/orgs/o1/" + "a".repeat(10_000), "/api/v1/me?q=" + "a".repeat(10_000))) {
            signedIn()
                    .get()
                    .uri(overlong)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(414)
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_JSON)
                    .expectBody()
                    .jsonPath("$.error.code")
                    .isEqualTo(ErrorCode.forStatus(414).code())
                    .jsonPath("$.error.message")
                    .isEqualTo("The request URL is too long.")
                    .jsonPath("$.data")
                    .doesNotExist();
        }

        signedIn()
                .get()
                .uri("/api/v1/orgs/o1/" + "a".repeat(4_000) + "?q=" + "b".repeat(4_000))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unparseableRequests")
    void answersRequestsNettyCannotParseInTheEnvelope(int status, String request) throws Exception {
        try (var socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            var answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 " + status + " ");
            var head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
            assertThat(head)
                    .contains("content-type: application/json")
                    .contains("x-content-type-options: nosniff")
                    .contains("x-frame-options: deny")
                    .contains("strict-transport-security: max-age=31536000; includesubdomains")
                    .contains("content-security-policy: default-src 'none'; frame-ancestors 'none'")
                    .contains("cache-control: no-store");
            assertThat(answer.substring(answer.indexOf("\r\n\r\n") + 4))
                    .startsWith("{\"error\":{\"code\":\""
                            + ErrorCode.forStatus(status).code() + "\"");
        }
    }

    static Stream<Arguments> unparseableRequests() {
        return Stream.of(
                Arguments.of(414, "GET /api/v1/me?q=" + "a".repeat(70_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"),
                Arguments.of(431, "GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n"));
    }

    @Test
    void carriesTheSecurityHeadersOnARateLimitedAnswer() {
        var user = signedIn();
        EntityExchangeResult<byte[]> result = null;
        for (int i = 0; i < 10; i++) {
            result = user.get()
                    .uri("/api/v1/orgs/org-free/anything")
                    .exchange()
                    .expectBody()
                    .returnResult();
            if (result.getStatus().value() == 429) {
                break;
            }
        }
        assertThat(result.getStatus().value()).isEqualTo(429);
        assertSecurityHeaders(result);
    }

    @Test
    void allowsTheConfiguredOriginWithCredentials() {
        signedIn()
                .get()
                .uri("/api/v1/me")
                .header(HttpHeaders.ORIGIN, ALLOWED)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED)
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true")
                .expectHeader()
                .value(
                        HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
                        exposed -> assertThat(exposed).contains("X-Request-Id"));
    }

    @Test
    void answersAPreflightWithoutCredentialAndLetsTheBrowserCacheIt() {
        client.options()
                .uri("/api/v1/orgs/o1/projects")
                .header(HttpHeaders.ORIGIN, ALLOWED)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type")
                .exchange()
                .expectStatus()
                .isNoContent()
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED)
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "3600")
                .expectHeader()
                .exists("Strict-Transport-Security");
        client.method(HttpMethod.OPTIONS)
                .uri("/api/v1/orgs/o1/projects")
                .header(HttpHeaders.ORIGIN, EVIL)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    @Test
    void propagatesTheTraceContextDownstream() {
        var traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        var forwarded = forwardedTraceparent(
                signedIn().get().uri("/api/v1/me").header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));
        assertThat(forwarded).matches("00-" + traceId + "-[0-9a-f]{16}-0[01]");
        // The parent downstream is the gateway's own span in that trace, not the client's.
        assertThat(forwarded).doesNotContain("00f067aa0ba902b7");
    }

    @Test
    void startsATraceForARequestWithoutOne() {
        assertThat(forwardedTraceparent(signedIn().get().uri("/api/v1/me")))
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    }

    /** The {@code traceparent} the service behind the gateway received (its echo). */
    private static String forwardedTraceparent(WebTestClient.RequestHeadersSpec<?> request) {
        var echo = request.exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBodyContent();
        return tools.jackson.databind.json.JsonMapper.shared()
                .readTree(echo)
                .at("/data/headers/traceparent")
                .asString();
    }

    private static void assertSecurityHeaders(EntityExchangeResult<byte[]> result) {
        var headers = result.getResponseHeaders();
        assertThat(headers.getFirst("Strict-Transport-Security")).startsWith("max-age=");
        assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(headers.getFirst("X-Frame-Options")).isEqualTo("DENY");
        assertThat(headers.getFirst("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(headers.getFirst("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
        assertThat(headers.getFirst("Cross-Origin-Resource-Policy")).isEqualTo("same-origin");
        assertThat(headers.containsHeader("Server")).isFalse();
        assertThat(headers.containsHeader("X-Powered-By")).isFalse();
        assertThat(headers.getFirst("X-Request-Id")).isNotBlank();
    }

    private static Arguments answer(int status, Function<WebTestClient, WebTestClient.RequestHeadersSpec<?>> request) {
        return Arguments.of(status, request);
    }

    private static String bearer() {
        return "Bearer " + Tokens.valid();
    }
}
