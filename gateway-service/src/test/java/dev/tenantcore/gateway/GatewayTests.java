package dev.tenantcore.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.contracts.security.HeaderNames;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

/** The gateway in front of four healthy fake services. */
class GatewayTests extends GatewayTestSupport {

    private static final int ONE_MIB = 1024 * 1024;

    @ParameterizedTest
    @CsvSource({
        "/api/v1/auth/token, auth-service",
        "/auth/v1/token, auth-service",
        "/api/v1/orgs/o1/api-keys, auth-service",
        "/api/v1/orgs/o1/api-keys/k1/rotate, auth-service",
        "/api/v1/orgs/o1/search, search-service",
        "/api/v1/orgs/o1/search/suggestions, search-service",
        "/api/v1/orgs/o1/jobs/j1, worker-service",
        "/api/v1/orgs/o1/reports, worker-service",
        "/api/v1/orgs/o1/reports/r1, worker-service",
        "/api/v1/orgs/o1/exports/e1, worker-service",
        "/api/v1/me, core-service",
        "/api/v1/orgs/o1/projects, core-service",
        "/api/v1/orgs/o1/projects/search, core-service",
        "/api/v2/orgs/o1/projects, core-service"
    })
    void routesEachPathFamilyToItsService(String path, String service) {
        signedIn()
                .get()
                .uri(path)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.service")
                .isEqualTo(service)
                .jsonPath("$.data.path")
                .isEqualTo(path);
    }

    @Test
    void stripsIdentityHeadersAClientSends() {
        signedIn()
                .get()
                .uri("/api/v1/me")
                .header(HeaderNames.AUTHENTICATED_USER, "someone-else")
                .header("x-org-id", "another-org")
                .header(HeaderNames.AUTHENTICATED_API_KEY, "k1")
                .header("X-Trace-Me", "kept")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.headers['x-authenticated-user']")
                .doesNotExist()
                .jsonPath("$.data.headers['x-org-id']")
                .doesNotExist()
                .jsonPath("$.data.headers['x-authenticated-api-key']")
                .doesNotExist()
                .jsonPath("$.data.headers['x-trace-me']")
                .isEqualTo("kept");
    }

    @Test
    void generatesARequestIdPassesItDownstreamAndReturnsIt() {
        var result = signedIn()
                .get()
                .uri("/api/v1/me")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult();

        var id = result.getResponseHeaders().getFirst(HeaderNames.REQUEST_ID);
        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(receivedHeader(result.getResponseBodyContent(), "x-request-id"))
                .isEqualTo(id);
    }

    @Test
    void keepsAValidRequestIdTheClientSends() {
        var result = signedIn()
                .get()
                .uri("/api/v1/me")
                .header(HeaderNames.REQUEST_ID, "client-42.retry:1")
                .exchange()
                .expectHeader()
                .valueEquals(HeaderNames.REQUEST_ID, "client-42.retry:1")
                .expectBody()
                .returnResult();

        assertThat(receivedHeader(result.getResponseBodyContent(), "x-request-id"))
                .isEqualTo("client-42.retry:1");
    }

    @Test
    void replacesARequestIdWithUnsafeCharactersOrLength() {
        signedIn()
                .get()
                .uri("/api/v1/me")
                .header(HeaderNames.REQUEST_ID, "<script>alert(1)</script>")
                .exchange()
                .expectHeader()
                .value(HeaderNames.REQUEST_ID, id -> assertThat(id).matches("[0-9a-f-]{36}"));
        signedIn()
                .get()
                .uri("/api/v1/me")
                .header(HeaderNames.REQUEST_ID, "a".repeat(129))
                .exchange()
                .expectHeader()
                .value(HeaderNames.REQUEST_ID, id -> assertThat(id).matches("[0-9a-f-]{36}"));
    }

    @Test
    void answersAnUnknownPathWithTheNotFoundEnvelope() {
        signedIn()
                .get()
                .uri("/no/such/thing")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_JSON)
                .expectHeader()
                .exists(HeaderNames.REQUEST_ID)
                .expectBody()
                .json("{\"error\":{\"code\":\"not_found\"}}")
                .jsonPath("$.data")
                .doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/internal/authz/check",
                "/INTERNAL/authz/check",
                "//internal/authz/check",
                "/api/v1/..;/..;/internal/authz/check",
                "/api/v1/%2e%2e/%2e%2e/internal/authz/check",
                "/api/v1/orgs/o1%2f..%2f..%2f..%2finternal"
            })
    void neverForwardsInternalPaths(String path) {
        // A raw URI, so the client sends the path exactly as an attacker would.
        signedIn()
                .get()
                .uri(URI.create("http://127.0.0.1:" + port + path))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .json("{\"error\":{\"code\":\"not_found\"}}");
    }

    @Test
    void answersAWrongMethodWithTheMethodNotAllowedEnvelope() {
        signedIn()
                .post()
                .uri("/api/v1/health")
                .exchange()
                .expectStatus()
                .isEqualTo(405)
                .expectHeader()
                .value("Allow", allow -> assertThat(allow).contains("GET"))
                .expectBody()
                .json("{\"error\":{\"code\":\"method_not_allowed\"}}");
    }

    @Test
    void refusesADeclaredBodyAboveTheLimit() {
        signedIn()
                .post()
                .uri("/api/v1/orgs/o1/projects")
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(new byte[ONE_MIB + 1])
                .exchange()
                .expectStatus()
                .isEqualTo(413)
                .expectBody()
                .json("{\"error\":{\"code\":\"payload_too_large\"}}");
    }

    @Test
    void refusesAStreamedBodyAboveTheLimit() {
        var factory = DefaultDataBufferFactory.sharedInstance;
        Flux<DataBuffer> chunks =
                Flux.range(0, 3).map(i -> factory.wrap(new byte[ONE_MIB / 2])).cast(DataBuffer.class);
        signedIn()
                .post()
                .uri("/api/v1/orgs/o1/projects")
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(chunks, DataBuffer.class)
                .exchange()
                .expectStatus()
                .isEqualTo(413)
                .expectBody()
                .json("{\"error\":{\"code\":\"payload_too_large\"}}");
    }

    @Test
    void forwardsABodyAtTheLimit() {
        signedIn()
                .post()
                .uri("/api/v1/orgs/o1/projects")
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(new byte[ONE_MIB])
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.service")
                .isEqualTo("core-service");
    }

    @Test
    void passesAServicesErrorEnvelopeThroughUnchanged() {
        signedIn()
                .get()
                .uri("/api/v1/orgs/o1/projects/conflict")
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody(String.class)
                .isEqualTo(FakeService.CONFLICT_BODY);
    }

    @Test
    void reportsUpWhenEveryServiceIsReady() {
        signedIn()
                .get()
                .uri("/api/v1/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.error")
                .doesNotExist()
                .jsonPath("$.data.status")
                .isEqualTo("UP")
                .jsonPath("$.data.services.length()")
                .isEqualTo(4)
                .jsonPath("$.data.services['auth-service'].status")
                .isEqualTo("UP")
                .jsonPath("$.data.services['auth-service'].url")
                .isEqualTo(AUTH.url())
                .jsonPath("$.data.services['core-service'].status")
                .isEqualTo("UP")
                .jsonPath("$.data.services['search-service'].status")
                .isEqualTo("UP")
                .jsonPath("$.data.services['worker-service'].status")
                .isEqualTo("UP");
    }

    private static String receivedHeader(byte[] echo, String header) {
        return JsonMapper.shared().readTree(echo).at("/data/headers/" + header).asString();
    }
}
