package dev.tenantcore.core.export;

import static dev.tenantcore.core.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.core.Api;
import dev.tenantcore.core.CoreServiceTest;
import dev.tenantcore.core.Fixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The internal endpoints worker-service reads an org's audit log and data through. */
@CoreServiceTest
class InternalOrgDataTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Test
    void auditLogPagesOldestFirstWithinTheWindow() {
        Api owner = Api.newUser(port);
        UUID orgId = owner.createOrg("Audit Export");
        UUID otherOrg = Api.newUser(port).createOrg("Other Audit");
        for (int i = 0; i < 3; i++) {
            owner.post("/api/v1/orgs/" + orgId + "/projects", body("name", "p" + i));
        }
        String path = "/internal/orgs/" + orgId + "/audit-log";
        var all = get(path, "local-internal-token");
        assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
        JsonNode json = JSON.readTree(all.body());
        long total = json.get("meta").get("total").asLong();
        assertThat(total).isGreaterThanOrEqualTo(4); // org created + 3 projects
        assertThat(json.get("meta").get("limit").asInt()).isEqualTo(100);
        List<Long> seqs = new ArrayList<>();
        json.get("data").forEach(e -> seqs.add(e.get("seq").asLong()));
        assertThat(seqs).isSorted().hasSize((int) total);
        JsonNode first = json.get("data").get(0);
        assertThat(first.has("createdAt") && first.has("action") && first.has("resourceType"))
                .isTrue();
        assertThat(first.get("actorId").asString()).isEqualTo(owner.userId.toString());
        assertThat(first.has("hash") || first.has("before") || first.has("after"))
                .isFalse();

        // from <= createdAt < to
        Instant second = Instant.parse(json.get("data").get(1).get("createdAt").asString());
        Instant last = Instant.parse(
                json.get("data").get((int) total - 1).get("createdAt").asString());
        var window = JSON.readTree(get(path + "?from=" + second + "&to=" + last, "local-internal-token")
                .body());
        window.get("data").forEach(e -> {
            Instant at = Instant.parse(e.get("createdAt").asString());
            assertThat(at).isAfterOrEqualTo(second).isBefore(last);
        });
        assertThat(window.get("data").get(0).get("seq").asLong()).isLessThanOrEqualTo(seqs.get(1));

        var paged = JSON.readTree(
                get(path + "?page=2&limit=2", "local-internal-token").body());
        assertThat(paged.get("meta").get("page").asInt()).isEqualTo(2);
        assertThat(paged.get("meta").get("total").asLong()).isEqualTo(total);
        assertThat(paged.get("data").get(0).get("seq").asLong()).isEqualTo(seqs.get(2));

        assertThat(get(path + "?limit=501", "local-internal-token").statusCode())
                .isEqualTo(400);
        assertThat(get(path + "?from=yesterday", "local-internal-token").statusCode())
                .isEqualTo(400);
        assertThat(get(path, "wrong-token").statusCode()).isEqualTo(401);
        // Another org's log has its own entries only.
        var other = JSON.readTree(get("/internal/orgs/" + otherOrg + "/audit-log", "local-internal-token")
                .body());
        other.get("data")
                .forEach(e -> assertThat(e.get("resourceId").asString())
                        .isNotIn(seqs.stream().map(String::valueOf).toList()));
        assertThat(other.get("meta").get("total").asLong()).isLessThan(total);
    }

    @Test
    void exportWritesOneTypedLinePerRecordWithoutSecrets() {
        Api owner = Api.newUser(port);
        UUID orgId = owner.createOrg("Export Org");
        Api member = Api.newUser(port);
        fixtures.addMember(orgId, member, "member");
        var team = owner.post("/api/v1/orgs/" + orgId + "/teams", body("name", "Exported team"));
        assertThat(team.status()).as(team.toString()).isEqualTo(201);
        owner.post("/api/v1/orgs/" + orgId + "/projects", body("name", "Exported project"));
        var invited = owner.post(
                "/api/v1/orgs/" + orgId + "/invitations", body("email", "invitee@example.com", "role", "viewer"));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        Api.newUser(port).createOrg("Not Exported");

        var response = get("/internal/orgs/" + orgId + "/export", "local-internal-token");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
        List<JsonNode> lines = new ArrayList<>();
        response.body().lines().forEach(line -> lines.add(JSON.readTree(line)));
        assertThat(lines)
                .allSatisfy(l -> assertThat(l.has("type") && l.has("data")).isTrue());
        assertThat(lines.stream().map(l -> l.get("type").asString()).distinct())
                .containsExactly("organization", "member", "team", "project", "role", "invitation");
        assertThat(lines.getFirst().get("data").get("id").asString()).isEqualTo(orgId.toString());
        assertThat(lines.stream()
                        .filter(l -> l.get("type").asString().equals("member"))
                        .map(l -> l.get("data").get("email").asString()))
                .containsExactlyInAnyOrder(owner.email, member.email);
        assertThat(lines.stream().filter(l -> l.get("type").asString().equals("role")))
                .hasSize(4);
        assertThat(response.body())
                .contains("Exported team", "Exported project", "invitee@example.com")
                .doesNotContain("Not Exported")
                .doesNotContainIgnoringCase("token")
                .doesNotContainIgnoringCase("hash");

        assertThat(get("/internal/orgs/" + UUID.randomUUID() + "/export", "local-internal-token")
                        .statusCode())
                .isEqualTo(404);
        assertThat(get("/internal/orgs/" + orgId + "/export", "wrong-token").statusCode())
                .isEqualTo(401);
    }

    HttpResponse<String> get(String path, String internalToken) {
        try {
            return HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .build()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .header("X-Internal-Token", internalToken)
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
