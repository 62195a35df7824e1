package dev.tenantcore.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.support.security.ApiKeyCaller;
import dev.tenantcore.support.testing.TestTokens;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(
        classes = ErrorEnvelopeTest.SampleApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.application.name=sample-service",
            "tenantcore.web.max-body-size=64KB",
            "tenantcore.security.api-key-paths=/orgs/*/widgets/**"
        })
public class ErrorEnvelopeTest {

    private static final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final JsonMapper json = JsonMapper.builder().build();
    private static final String TOKEN = TestTokens.accessToken(UUID.randomUUID(), "ada@example.com");

    @LocalServerPort
    int port;

    @Test
    void answersDataInTheEnvelopeWithoutEmptyMembers() throws Exception {
        var response = send(authorized("/things/42").GET());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"data\":{\"id\":\"42\"}}");
    }

    @Test
    void malformedJsonIsAValidationFailure() throws Exception {
        var response = send(authorized("/things")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"name\": ")));
        assertError(response, 400, "validation_failed");
    }

    @Test
    void failedValidationNamesTheFields() throws Exception {
        var response = send(authorized("/things")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"name\":\"\",\"email\":\"not-an-email\"}")));
        JsonNode error = assertError(response, 400, "validation_failed");
        assertThat(error.path("details").path("fields").findValuesAsString("field"))
                .containsExactlyInAnyOrder("name", "email");
    }

    @Test
    void unknownPathIsNotFound() throws Exception {
        assertError(send(authorized("/no/such/path").GET()), 404, "not_found");
    }

    @Test
    void wrongMethodIsMethodNotAllowed() throws Exception {
        assertError(send(authorized("/things/1").DELETE()), 405, "method_not_allowed");
    }

    @Test
    void wrongMediaTypeIsUnsupported() throws Exception {
        var response = send(
                authorized("/things").header("Content-Type", "text/plain").POST(BodyPublishers.ofString("name=x")));
        assertError(response, 415, "unsupported_media_type");
    }

    @Test
    void oversizedBodyIsRejectedByLength() throws Exception {
        var response = send(authorized("/things")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"name\":\"" + "x".repeat(70_000) + "\"}")));
        assertError(response, 413, "payload_too_large");
    }

    @Test
    void oversizedChunkedBodyIsRejectedWhileReading() throws Exception {
        byte[] body = ("{\"name\":\"" + "x".repeat(70_000) + "\",\"email\":\"a@b.co\"}").getBytes();
        var response = send(authorized("/things")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
        assertError(response, 413, "payload_too_large");
    }

    @Test
    void anUnreachableDependencyIsUnavailableNotInternal() throws Exception {
        for (var path : java.util.List.of("/pool-exhausted", "/no-transaction")) {
            var response = send(authorized(path).GET());
            assertError(response, 503, "unavailable");
            assertThat(response.body()).doesNotContain("secret-detail");
        }
    }

    @Test
    void unexpectedFailureHidesItsCause() throws Exception {
        var response = send(authorized("/boom").GET());
        assertError(response, 500, "internal");
        assertThat(response.body()).doesNotContain("secret-detail").doesNotContain("Exception");
    }

    @Test
    void missingOrInvalidTokenIsUnauthorized() throws Exception {
        assertError(send(HttpRequest.newBuilder(uri("/things/1")).GET()), 401, "unauthorized");
        assertError(
                send(HttpRequest.newBuilder(uri("/things/1"))
                        .header("Authorization", "Bearer " + TOKEN.substring(0, TOKEN.length() - 4) + "AAAA")
                        .GET()),
                401,
                "unauthorized");
    }

    @Test
    void returnsTheRequestIdItWasGivenOrANewOne() throws Exception {
        var given =
                send(authorized("/things/1").header("X-Request-Id", "req-123").GET());
        assertThat(given.headers().firstValue("X-Request-Id")).hasValue("req-123");
        var hostile =
                send(authorized("/things/1").header("X-Request-Id", "<script>").GET());
        assertThat(hostile.headers().firstValue("X-Request-Id"))
                .hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f-]{36}"));
    }

    @Test
    void internalEndpointsNeedTheServiceCredentialNotAUserToken() throws Exception {
        assertError(send(authorized("/internal/ping").GET()), 401, "unauthorized");
        assertError(
                send(HttpRequest.newBuilder(uri("/internal/ping"))
                        .header("X-Internal-Token", "wrong")
                        .GET()),
                401,
                "unauthorized");
        var ok = send(HttpRequest.newBuilder(uri("/internal/ping"))
                .header("X-Internal-Token", "local-internal-token")
                .GET());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("pong");
    }

    private JsonNode assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("error").path("code").asString()).isEqualTo(code);
        assertThat(body.path("error").path("message").asString()).isNotBlank();
        assertThat(body.has("data")).isFalse();
        assertThat(response.body()).doesNotContain("\tat ").doesNotContain("trace\":");
        return body.path("error");
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TOKEN);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), BodyHandlers.ofString());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
    @Import({SampleController.class, TestTokens.Config.class})
    public static class SampleApplication {}

    @RestController
    static class SampleController {

        @GetMapping("/things/{id}")
        dev.tenantcore.contracts.api.ApiResponse<Thing> get(@PathVariable String id) {
            return dev.tenantcore.contracts.api.ApiResponse.of(new Thing(id));
        }

        @PostMapping("/things")
        dev.tenantcore.contracts.api.ApiResponse<Thing> create(@Valid @RequestBody NewThing thing) {
            return dev.tenantcore.contracts.api.ApiResponse.of(new Thing(thing.name()));
        }

        /** Open to API keys (tenantcore.security.api-key-paths): says who called and what the key may do here. */
        @GetMapping("/orgs/{orgId}/widgets")
        dev.tenantcore.contracts.api.ApiResponse<Map<String, Object>> widgets(
                @PathVariable UUID orgId, @AuthenticationPrincipal @Nullable ApiKeyCaller key) {
            if (key == null) {
                return dev.tenantcore.contracts.api.ApiResponse.of(Map.of("caller", "user"));
            }
            return dev.tenantcore.contracts.api.ApiResponse.of(Map.of(
                    "caller", "api-key",
                    "keyId", key.keyId(),
                    "current", ApiKeyCaller.current().equals(Optional.of(key)),
                    "mayRead", key.permits(orgId, "read", "widgets"),
                    "mayDelete", key.permits(orgId, "delete", "widgets")));
        }

        @GetMapping("/internal/ping")
        String ping() {
            return "pong";
        }

        @GetMapping("/boom")
        String boom() {
            throw new IllegalStateException("secret-detail");
        }

        @GetMapping("/pool-exhausted")
        String poolExhausted() {
            throw new org.springframework.jdbc.CannotGetJdbcConnectionException(
                    "secret-detail", new java.sql.SQLTransientConnectionException("timed out"));
        }

        @GetMapping("/no-transaction")
        String noTransaction() {
            throw new org.springframework.transaction.CannotCreateTransactionException("secret-detail");
        }
    }

    record Thing(String id) {}

    record NewThing(
            @NotBlank @Size(max = 100) String name,
            @NotBlank @Email String email) {}
}
