package dev.tenantcore.core.catalog;

import static dev.tenantcore.core.Api.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantcore.core.Api;
import dev.tenantcore.core.CoreServiceTest;
import dev.tenantcore.engines.test.SharedEngines;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The cross-org listings search-service reindexes from, and the read-only role they read as. */
@CoreServiceTest
class InternalCatalogTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final String TOKEN = "local-internal-token";

    @LocalServerPort
    int port;

    @Test
    void listsEveryOrgsLiveProjectsTeamsAndOrganizationsInIdOrder() {
        Api alice = Api.newUser(port);
        Api bob = Api.newUser(port);
        UUID orgA = alice.createOrg("Catalog A");
        UUID orgB = bob.createOrg("Catalog B");
        UUID gone = bob.createOrg("Catalog Gone");
        UUID teamA = alice.post("/api/v1/orgs/" + orgA + "/teams", body("name", "Team A"))
                .id();
        UUID projectA = alice.post("/api/v1/orgs/" + orgA + "/projects", body("name", "Alpha", "teamId", teamA))
                .id();
        UUID projectB = bob.post("/api/v1/orgs/" + orgB + "/projects", body("name", "Beta"))
                .id();
        UUID deletedProject = bob.post("/api/v1/orgs/" + orgB + "/projects", body("name", "Deleted"))
                .id();
        UUID projectOfGoneOrg = bob.post("/api/v1/orgs/" + gone + "/projects", body("name", "Orphan"))
                .id();
        UUID teamOfGoneOrg = bob.post("/api/v1/orgs/" + gone + "/teams", body("name", "Orphans"))
                .id();
        assertThat(bob.delete("/api/v1/orgs/" + orgB + "/projects/" + deletedProject)
                        .status())
                .isEqualTo(204);
        assertThat(bob.delete("/api/v1/orgs/" + gone).status()).isEqualTo(204);

        List<JsonNode> projects = all("projects", "projectId");
        List<String> projectIds = ids(projects, "projectId");
        assertThat(projectIds)
                .contains(projectA.toString(), projectB.toString())
                .doesNotContain(deletedProject.toString(), projectOfGoneOrg.toString());
        JsonNode alpha = find(projects, "projectId", projectA);
        assertThat(alpha.get("orgId").asString()).isEqualTo(orgA.toString());
        assertThat(alpha.get("teamId").asString()).isEqualTo(teamA.toString());
        assertThat(alpha.get("name").asString()).isEqualTo("Alpha");
        assertThat(alpha.get("createdBy").asString()).isEqualTo(alice.userId.toString());
        assertThat(alpha.get("version").asLong()).isEqualTo(1);
        assertThat(alpha.get("deleted").asBoolean()).isFalse();
        assertThat(alpha.has("createdAt") && alpha.has("updatedAt")).isTrue();
        assertThat(find(projects, "projectId", projectB).has("teamId")).isFalse();

        List<String> teamIds = ids(all("teams", "teamId"), "teamId");
        assertThat(teamIds).contains(teamA.toString()).doesNotContain(teamOfGoneOrg.toString());

        List<JsonNode> orgs = all("organizations", "orgId");
        assertThat(ids(orgs, "orgId"))
                .contains(orgA.toString(), orgB.toString())
                .doesNotContain(gone.toString());
        JsonNode a = find(orgs, "orgId", orgA);
        assertThat(a.get("slug").asString()).isNotBlank();
        assertThat(a.get("subscriptionTier").asString()).isEqualTo("free");
        assertThat(a.has("deletedAt")).isFalse();
    }

    @Test
    void pagesAfterTheGivenIdWithTheGivenLimit() {
        Api owner = Api.newUser(port);
        UUID org = owner.createOrg("Catalog Paging");
        for (int i = 0; i < 3; i++) {
            owner.post("/api/v1/orgs/" + org + "/projects", body("name", "Paged " + i));
        }
        List<String> everything = ids(all("projects", "projectId"), "projectId");
        var page = get("/internal/projects?after=" + everything.getFirst() + "&limit=2", TOKEN);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(ids(list(JSON.readTree(page.body()).get("data")), "projectId"))
                .containsExactlyElementsOf(everything.subList(1, 3));
        var end = get("/internal/projects?after=ffffffff-ffff-ffff-ffff-ffffffffffff", TOKEN);
        assertThat(JSON.readTree(end.body()).get("data").isEmpty()).isTrue();
    }

    @Test
    void needsTheServiceCredential() {
        for (String resource : List.of("projects", "teams", "organizations")) {
            var none = get("/internal/" + resource, null);
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(none.body()).get("error").get("code").asString())
                    .isEqualTo("unauthorized");
            assertThat(get("/internal/" + resource, "wrong-token").statusCode()).isEqualTo(401);
        }
        var userToken = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/internal/projects"))
                .header(
                        "Authorization",
                        "Bearer "
                                + dev.tenantcore.support.testing.TestTokens.accessToken(
                                        UUID.randomUUID(), "someone@example.com"))
                .build();
        assertThat(send(userToken).statusCode()).isEqualTo(401);
    }

    @Test
    void rejectsBadLimitsAndIds() {
        for (String query : List.of("limit=0", "limit=1001", "limit=-5", "limit=many", "after=not-a-uuid")) {
            var response = get("/internal/projects?" + query, TOKEN);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get("error").get("code").asString())
                    .as(query)
                    .isEqualTo("validation_failed");
        }
        assertThat(get("/internal/teams?limit=1000", TOKEN).statusCode()).isEqualTo(200);
        assertThat(get("/internal/organizations?limit=1", TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void catalogRoleBypassesRowLevelSecurityButCanOnlyReadItsThreeTables() throws SQLException {
        Api owner = Api.newUser(port);
        UUID org = owner.createOrg("Catalog Role");
        UUID project = owner.post("/api/v1/orgs/" + org + "/projects", body("name", "Read only"))
                .id();
        try (Connection catalog = SharedEngines.postgres().connect("core_catalog")) {
            var role = catalog.createStatement()
                    .executeQuery("select rolsuper, rolbypassrls from pg_roles where rolname = current_user");
            assertThat(role.next()).isTrue();
            assertThat(role.getBoolean(1)).as("superuser").isFalse();
            assertThat(role.getBoolean(2)).as("bypassrls").isTrue();
            var read = catalog.createStatement()
                    .executeQuery("select count(*) from core.projects where id = '" + project + "'");
            assertThat(read.next()).isTrue();
            assertThat(read.getLong(1)).as("reads without a tenant").isEqualTo(1);

            for (String write : List.of(
                    "insert into core.projects (id, org_id, name, created_by) values (gen_random_uuid(), '" + org
                            + "', 'x', gen_random_uuid())",
                    "update core.projects set name = 'changed' where id = '" + project + "'",
                    "delete from core.projects where id = '" + project + "'",
                    "update core.organizations set name = 'changed' where id = '" + org + "'",
                    "delete from core.teams",
                    "select count(*) from core.users",
                    "select count(*) from core.memberships",
                    "create table core.sneaky (id int)")) {
                assertThatThrownBy(() -> catalog.createStatement().execute(write))
                        .as(write)
                        .isInstanceOf(SQLException.class)
                        .extracting(e -> ((SQLException) e).getSQLState())
                        .isEqualTo("42501");
            }
        }
        assertThat(owner.get("/api/v1/orgs/" + org + "/projects/" + project)
                        .data()
                        .get("name")
                        .asString())
                .isEqualTo("Read only");
    }

    /** Walks a whole listing with the largest page, checking the order and that no id repeats. */
    private List<JsonNode> all(String resource, String idField) {
        List<JsonNode> items = new ArrayList<>();
        String after = null;
        while (true) {
            var response =
                    get("/internal/" + resource + "?limit=1000" + (after == null ? "" : "&after=" + after), TOKEN);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            List<JsonNode> page = list(JSON.readTree(response.body()).get("data"));
            if (page.isEmpty()) {
                break;
            }
            items.addAll(page);
            after = page.getLast().get(idField).asString();
        }
        List<String> ids = ids(items, idField);
        // PostgreSQL orders uuids by their bytes, which is the order of their lower-case text.
        assertThat(ids).isSorted();
        assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
        return items;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static List<String> ids(List<JsonNode> items, String idField) {
        return items.stream().map(i -> i.get(idField).asString()).toList();
    }

    private static JsonNode find(List<JsonNode> items, String idField, UUID id) {
        return items.stream()
                .filter(i -> i.get(idField).asString().equals(id.toString()))
                .findFirst()
                .orElseThrow();
    }

    private HttpResponse<String> get(String path, @Nullable String token) {
        var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            builder.header("X-Internal-Token", token);
        }
        return send(builder.build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
