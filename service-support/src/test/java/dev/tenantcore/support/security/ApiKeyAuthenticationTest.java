package dev.tenantcore.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.contracts.security.HeaderNames;
import dev.tenantcore.support.testing.TestTokens;
import dev.tenantcore.support.web.ErrorEnvelopeTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** API-key callers as the gateway forwards them: trusted only with the service credential, only where allowed. */
@SpringBootTest(
        classes = ErrorEnvelopeTest.SampleApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.application.name=sample-service",
            "tenantcore.web.max-body-size=64KB",
            "tenantcore.security.api-key-paths=/orgs/*/widgets/**"
        })
class ApiKeyAuthenticationTest {

    private static final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final JsonMapper json = JsonMapper.builder().build();
    private static final String SERVICE_CREDENTIAL = "local-internal-token";
    private static final UUID ORG = UUID.randomUUID();
    private static final UUID KEY = UUID.randomUUID();
    /** Exactly what the gateway sends: auth-service's scopes, as permissions. */
    private static final String ASSERTED = """
            {"keyId":"%s","orgId":"%s","scopes":[{"action":"read","resource":"widgets"}]}""".formatted(KEY, ORG);

    @LocalServerPort
    int port;

    @Test
    void authenticatesAnAssertedKeyWithTheServiceCredential() throws Exception {
        var response = send(request("/orgs/" + ORG + "/widgets")
                .header(HeaderNames.AUTHENTICATED_API_KEY, ASSERTED)
                .header(HeaderNames.INTERNAL_TOKEN, SERVICE_CREDENTIAL));

        assertThat(response.statusCode()).isEqualTo(200);
        var data = json.readTree(response.body()).path("data");
        assertThat(data.path("caller").asString()).isEqualTo("api-key");
        assertThat(data.path("keyId").asString()).isEqualTo(KEY.toString());
        assertThat(data.path("current").asBoolean()).isTrue();
        assertThat(data.path("mayRead").asBoolean()).isTrue();
        assertThat(data.path("mayDelete").asBoolean()).isFalse();
    }

    @Test
    void aKeyMayNotActInAnotherOrganization() throws Exception {
        var response = send(request("/orgs/" + UUID.randomUUID() + "/widgets")
                .header(HeaderNames.AUTHENTICATED_API_KEY, ASSERTED)
                .header(HeaderNames.INTERNAL_TOKEN, SERVICE_CREDENTIAL));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).at("/data/mayRead").asBoolean())
                .isFalse();
    }

    @Test
    void refusesAnAssertedKeyWithoutTheServiceCredential() throws Exception {
        assertUnauthorized(
                send(request("/orgs/" + ORG + "/widgets").header(HeaderNames.AUTHENTICATED_API_KEY, ASSERTED)));
    }

    @Test
    void refusesAnAssertedKeyWithAForgedServiceCredential() throws Exception {
        for (var forged : new String[] {"forged", SERVICE_CREDENTIAL + "x", SERVICE_CREDENTIAL.substring(1), ""}) {
            assertUnauthorized(send(request("/orgs/" + ORG + "/widgets")
                    .header(HeaderNames.AUTHENTICATED_API_KEY, ASSERTED)
                    .header(HeaderNames.INTERNAL_TOKEN, forged)));
        }
    }

    @Test
    void refusesAnUnreadableAssertion() throws Exception {
        for (var unreadable : new String[] {
            "not json", "{\"keyId\":\"k1\",\"orgId\":\"o1\"}", "{\"orgId\":\"" + ORG + "\"}", """
            {"keyId":"%s","orgId":"%s","scopes":["widgets:read"]}""".formatted(KEY, ORG)
        }) {
            assertUnauthorized(send(request("/orgs/" + ORG + "/widgets")
                    .header(HeaderNames.AUTHENTICATED_API_KEY, unreadable)
                    .header(HeaderNames.INTERNAL_TOKEN, SERVICE_CREDENTIAL)));
        }
    }

    @Test
    void refusesAKeyOutsideTheApiKeyPaths() throws Exception {
        var response = send(request("/things/1")
                .header(HeaderNames.AUTHENTICATED_API_KEY, ASSERTED)
                .header(HeaderNames.INTERNAL_TOKEN, SERVICE_CREDENTIAL));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json.readTree(response.body()).at("/error/code").asString()).isEqualTo("forbidden");
    }

    @Test
    void accessTokensStillWorkEverywhere() throws Exception {
        var token = "Bearer " + TestTokens.accessToken(UUID.randomUUID(), "ada@example.com");

        var widgets = send(request("/orgs/" + ORG + "/widgets").header("Authorization", token));
        assertThat(widgets.statusCode()).isEqualTo(200);
        assertThat(json.readTree(widgets.body()).at("/data/caller").asString()).isEqualTo("user");
        assertThat(send(request("/things/1").header("Authorization", token)).statusCode())
                .isEqualTo(200);
        // An access token is the caller, whatever else is asserted.
        var both = send(request("/orgs/" + ORG + "/widgets")
                .header("Authorization", token)
                .header(HeaderNames.AUTHENTICATED_API_KEY, ASSERTED));
        assertThat(json.readTree(both.body()).at("/data/caller").asString()).isEqualTo("user");
    }

    @Test
    void aBearerApiKeyIsNeverTakenForAnAccessToken() throws Exception {
        assertUnauthorized(send(request("/orgs/" + ORG + "/widgets").header("Authorization", "Bearer sk_live_abc")));

        var asserted = send(request("/orgs/" + ORG + "/widgets")
                .header("Authorization", "Bearer sk_live_abc")
                .header(HeaderNames.AUTHENTICATED_API_KEY, ASSERTED)
                .header(HeaderNames.INTERNAL_TOKEN, SERVICE_CREDENTIAL));
        assertThat(asserted.statusCode()).isEqualTo(200);
        assertThat(json.readTree(asserted.body()).at("/data/caller").asString()).isEqualTo("api-key");
    }

    private void assertUnauthorized(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode body = json.readTree(response.body());
        assertThat(body.at("/error/code").asString()).isEqualTo("unauthorized");
        assertThat(body.has("data")).isFalse();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.GET().build(), BodyHandlers.ofString());
    }
}
