package dev.tenantcore.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole system through the gateway: each path family reaches its own service, which is shown by
 * stopping services one by one and watching exactly their routes turn into fast 503 {@code unavailable}
 * answers while the others keep working.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@org.junit.jupiter.api.Order(1000)
class GatewaySystemTest {

    private static final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private static final JsonMapper json = JsonMapper.builder().build();
    private static final String ORG = UUID.randomUUID().toString();

    private static final Map<String, List<String>> ROUTES = Map.of(
            "auth-service", List.of("/api/v1/auth/user", "/auth/v1/user", "/api/v1/orgs/" + ORG + "/api-keys"),
            "search-service", List.of("/api/v1/orgs/" + ORG + "/search?q=demo"),
            "core-service",
                    List.of("/api/v1/me", "/api/v1/orgs/" + ORG + "/projects", "/api/v2/orgs/" + ORG + "/projects"));

    private static RunningSystem system;
    private static Accounts.Session user;

    @BeforeAll
    static void startSystemAndSignUp() throws Exception {
        system = RunningSystem.get();
        user = Accounts.signUpAndConfirm(system, "routing");
    }

    @Test
    @Order(1)
    void healthReportsEveryServiceUp() throws Exception {
        var response = get("/api/v1/health");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode services = json.readTree(response.body()).path("data").path("services");
        for (String service : RunningSystem.BACKENDS) {
            assertThat(services.path(service).path("status").asString())
                    .as(service)
                    .isEqualTo("UP");
        }
    }

    @Test
    @Order(2)
    void signUpConfirmedByTheMailedLinkGivesAWorkingSession() throws Exception {
        var me = get("/api/v1/auth/user");
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(json.readTree(me.body()).path("data").path("email").asString())
                .isEqualTo(user.email());
    }

    @Test
    @Order(3)
    void everyRouteReachesALiveServiceThatAnswersWithTheEnvelope() throws Exception {
        for (var paths : ROUTES.values()) {
            for (String path : paths) {
                var response = get(path);
                assertThat(response.statusCode()).as(path).isNotEqualTo(503).isBetween(200, 499);
                assertThat(response.headers().firstValue("Content-Type"))
                        .as(path)
                        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
                assertThat(response.headers().firstValue("X-Request-Id"))
                        .as(path)
                        .isPresent();
            }
        }
    }

    @Test
    @Order(4)
    void unknownAndInternalPathsAreNotFoundEnvelopes() throws Exception {
        for (String path : List.of("/nothing/here", "/internal/authz/check", "/api/v1/../internal/x")) {
            var response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(code(response)).as(path).isEqualTo("not_found");
        }
    }

    @Test
    @Order(5)
    void aStoppedServiceMakesOnlyItsRoutesUnavailable() throws Exception {
        for (String stopped : List.of("search-service", "auth-service", "core-service")) {
            system.stop(stopped);
            for (var route : ROUTES.entrySet()) {
                for (String path : route.getValue()) {
                    long begin = System.nanoTime();
                    var response = get(path);
                    long millis = (System.nanoTime() - begin) / 1_000_000;
                    boolean down = route.getKey().equals(stopped) || !isRunning(route.getKey(), stopped);
                    if (down) {
                        assertThat(response.statusCode()).as(path).isEqualTo(503);
                        assertThat(code(response)).as(path).isEqualTo("unavailable");
                        assertThat(millis).as("503 for %s must come fast", path).isLessThan(5_000);
                    } else {
                        assertThat(response.statusCode()).as(path).isNotEqualTo(503);
                    }
                }
            }
            var health = get("/api/v1/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(json.readTree(health.body())
                            .path("data")
                            .path("services")
                            .path(stopped)
                            .path("status")
                            .asString())
                    .isEqualTo("DOWN");
        }
    }

    private static final List<String> STOP_ORDER = List.of("search-service", "auth-service", "core-service");

    /** Whether a service is still running when {@code current} has just been stopped in {@link #STOP_ORDER}. */
    private static boolean isRunning(String service, String current) {
        int index = STOP_ORDER.indexOf(service);
        return index < 0 || index > STOP_ORDER.indexOf(current);
    }

    private static String code(HttpResponse<String> response) {
        return json.readTree(response.body()).path("error").path("code").asString();
    }

    /** A signed-in user's request, so that the gateway forwards it and the service answers. */
    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(system.gatewayUrl() + path))
                        .header("Authorization", "Bearer " + user.accessToken())
                        .timeout(Duration.ofSeconds(15))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
