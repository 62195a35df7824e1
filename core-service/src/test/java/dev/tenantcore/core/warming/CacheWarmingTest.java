package dev.tenantcore.core.warming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.core.Api;
import dev.tenantcore.core.CoreServiceTest;
import dev.tenantcore.core.Fixtures;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@CoreServiceTest
class CacheWarmingTest {

    static final String TOKEN = "local-internal-token";
    static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MeterRegistry meters;

    @Test
    void warmsTheMostActiveOrganizationsAndTheirMembersProfiles() throws Exception {
        Api owner = Api.newUser(port);
        UUID busy = owner.createOrg("Busy");
        Api member = Api.newUser(port);
        fixtures.addMember(busy, member, "member");
        for (int i = 0; i < 5; i++) {
            owner.post("/api/v1/orgs/" + busy + "/teams", Map.of("name", "Team " + i));
        }

        var warmed = post("/internal/cache/warm?limit=1000", TOKEN);
        assertThat(warmed.statusCode()).isEqualTo(200);
        JsonNode data = JSON.readTree(warmed.body()).get("data");
        assertThat(data.get("organizations").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(data.get("profiles").asInt()).isGreaterThanOrEqualTo(2);

        // The busy org and its member's access are now served without reading the database.
        double orgMisses = misses("organizations");
        double profileMisses = misses("access-profiles");
        assertThat(member.get("/api/v1/orgs/" + busy).status()).isEqualTo(200);
        assertThat(misses("organizations")).isEqualTo(orgMisses);
        assertThat(misses("access-profiles")).isEqualTo(profileMisses);

        var one = JSON.readTree(post("/internal/cache/warm?limit=1", TOKEN).body())
                .get("data");
        assertThat(one.get("organizations").asInt()).isEqualTo(1);
        assertThat(post("/internal/cache/warm", TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void rejectsBadLimitsAndCallersWithoutTheServiceCredential() throws Exception {
        for (String limit : new String[] {"0", "1001", "-1", "lots"}) {
            var response = post("/internal/cache/warm?limit=" + limit, TOKEN);
            assertThat(response.statusCode()).as(limit).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get("error").get("code").asString())
                    .isEqualTo("validation_failed");
        }
        assertThat(post("/internal/cache/warm", null).statusCode()).isEqualTo(401);
        assertThat(post("/internal/cache/warm", "wrong-token").statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> post(String path, @Nullable String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("X-Internal-Token", token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private double misses(String cache) {
        var counter = meters.find("tenantcore.cache")
                .tags("cache", cache, "level", "all", "result", "miss")
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
