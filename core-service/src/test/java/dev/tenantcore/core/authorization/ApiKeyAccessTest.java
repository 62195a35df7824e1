package dev.tenantcore.core.authorization;

import static dev.tenantcore.core.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.core.Api;
import dev.tenantcore.core.CoreServiceTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Organization API keys as the gateway forwards them: their own org's projects and teams, by their scopes only. */
@CoreServiceTest
class ApiKeyAccessTest {

    @LocalServerPort
    int port;

    @Test
    void aReadKeyListsAndGetsItsOrgsProjectsButCannotWrite() {
        Api owner = Api.newUser(port);
        UUID orgId = owner.createOrg("Key Reads");
        String projects = "/api/v1/orgs/" + orgId + "/projects";
        UUID projectId = owner.post(projects, body("name", "Visible")).id();
        Api key = Api.apiKey(port, orgId, "read", "projects");

        var list = key.get(projects);
        assertThat(list.status()).isEqualTo(200);
        assertThat(ids(list.data())).containsExactly(projectId.toString());
        assertThat(list.json().get("meta").get("total").asLong()).isEqualTo(1);
        var one = key.get(projects + "/" + projectId);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.data().get("name").asString()).isEqualTo("Visible");
        assertThat(ids(key.get("/api/v2/orgs/" + orgId + "/projects").data().get("items")))
                .containsExactly(projectId.toString());

        assertThat(key.post(projects, body("name", "Refused")).status()).isEqualTo(403);
        assertThat(key.patch(projects + "/" + projectId, body("name", "Renamed"))
                        .status())
                .isEqualTo(403);
        assertThat(key.delete(projects + "/" + projectId).status()).isEqualTo(403);
        // No scope on teams: refused, not an empty list.
        assertThat(key.get("/api/v1/orgs/" + orgId + "/teams").status()).isEqualTo(403);
        assertThat(owner.get(projects + "/" + projectId).data().get("name").asString())
                .isEqualTo("Visible");
    }

    @Test
    void aKeyWithWriteScopesCreatesUpdatesAndDeletesAsItself() {
        Api owner = Api.newUser(port);
        UUID orgId = owner.createOrg("Key Writes");
        String projects = "/api/v1/orgs/" + orgId + "/projects";
        Api key = Api.apiKey(
                port, orgId, "create", "projects", "read", "projects", "update", "projects", "delete", "projects");

        var created = key.post(projects, body("name", "By key"));
        assertThat(created.status()).isEqualTo(201);
        UUID projectId = created.id();
        // The key is the actor: recorded as creator, in the audit log and (same id) in the event.
        assertThat(created.data().get("createdBy").asString()).isEqualTo(key.userId.toString());
        assertThat(ids(key.get(projects).data())).contains(projectId.toString());
        assertThat(ids(owner.get(projects).data())).contains(projectId.toString());

        var renamed = key.patch(projects + "/" + projectId, body("name", "Renamed by key"), "If-Match", created.etag());
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.data().get("version").asLong()).isEqualTo(2);
        assertThat(key.delete(projects + "/" + projectId).status()).isEqualTo(204);
        assertThat(owner.get(projects + "/" + projectId).status()).isEqualTo(404);

        var audit = owner.get("/api/v1/orgs/" + orgId + "/audit-log?actorId=" + key.userId);
        List<String> actions = new ArrayList<>();
        audit.data().forEach(entry -> actions.add(entry.get("action").asString()));
        assertThat(actions).containsExactlyInAnyOrder("project.created", "project.updated", "project.deleted");
    }

    @Test
    void aKeyManagesTeamsOnlyWithTeamScopes() {
        Api owner = Api.newUser(port);
        UUID orgId = owner.createOrg("Key Teams");
        String teams = "/api/v1/orgs/" + orgId + "/teams";
        Api reader = Api.apiKey(port, orgId, "read", "teams");
        Api creator = Api.apiKey(port, orgId, "create", "teams");
        Api writer = Api.apiKey(port, orgId, "read", "teams", "update", "teams", "delete", "teams");

        assertThat(reader.post(teams, body("name", "Refused")).status()).isEqualTo(403);
        var created = creator.post(teams, body("name", "Machines"));
        assertThat(created.status()).isEqualTo(201);
        UUID teamId = created.id();
        assertThat(created.data().get("createdBy").asString()).isEqualTo(creator.userId.toString());
        // Creating needs no read scope, but reading does.
        assertThat(creator.get(teams + "/" + teamId).status()).isEqualTo(403);
        assertThat(creator.get(teams).status()).isEqualTo(403);
        assertThat(ids(reader.get(teams).data())).containsExactly(teamId.toString());
        assertThat(reader.get(teams + "/" + teamId).status()).isEqualTo(200);
        assertThat(reader.patch(teams + "/" + teamId, body("description", "d")).status())
                .isEqualTo(403);
        assertThat(writer.patch(teams + "/" + teamId, body("description", "d")).status())
                .isEqualTo(200);
        assertThat(reader.delete(teams + "/" + teamId).status()).isEqualTo(403);
        assertThat(writer.delete(teams + "/" + teamId).status()).isEqualTo(204);
        assertThat(owner.get(teams + "/" + teamId).status()).isEqualTo(404);
    }

    @Test
    void aKeyActsInItsOwnOrgOnly() {
        Api ownerA = Api.newUser(port);
        UUID orgA = ownerA.createOrg("Key Home");
        Api ownerB = Api.newUser(port);
        UUID orgB = ownerB.createOrg("Key Elsewhere");
        String projectsB = "/api/v1/orgs/" + orgB + "/projects";
        UUID projectB = ownerB.post(projectsB, body("name", "B's")).id();
        UUID teamB = ownerB.post("/api/v1/orgs/" + orgB + "/teams", body("name", "B team"))
                .id();
        Api key = Api.apiKey(
                port,
                orgA,
                "create",
                "projects",
                "read",
                "projects",
                "update",
                "projects",
                "delete",
                "projects",
                "read",
                "teams",
                "delete",
                "teams");

        assertThat(key.get(projectsB).status()).isIn(403, 404);
        assertThat(key.get("/api/v2/orgs/" + orgB + "/projects").status()).isIn(403, 404);
        assertThat(key.get(projectsB + "/" + projectB).status()).isIn(403, 404);
        assertThat(key.post(projectsB, body("name", "Planted")).status()).isIn(403, 404);
        assertThat(key.patch(projectsB + "/" + projectB, body("name", "Hijacked"))
                        .status())
                .isIn(403, 404);
        assertThat(key.delete(projectsB + "/" + projectB).status()).isIn(403, 404);
        assertThat(key.get("/api/v1/orgs/" + orgB + "/teams/" + teamB).status()).isIn(403, 404);
        assertThat(key.delete("/api/v1/orgs/" + orgB + "/teams/" + teamB).status())
                .isIn(403, 404);

        var unchanged = ownerB.get(projectsB);
        assertThat(unchanged.json().get("meta").get("total").asLong()).isEqualTo(1);
        assertThat(unchanged.data().get(0).get("name").asString()).isEqualTo("B's");
        assertThat(ownerB.get("/api/v1/orgs/" + orgB + "/teams/" + teamB).status())
                .isEqualTo(200);

        // A deleted org's keys reach nothing either.
        assertThat(key.get("/api/v1/orgs/" + orgA + "/projects").status()).isEqualTo(200);
        assertThat(ownerA.delete("/api/v1/orgs/" + orgA).status()).isEqualTo(204);
        assertThat(key.get("/api/v1/orgs/" + orgA + "/projects").status()).isEqualTo(404);
    }

    @Test
    void aKeyReachesNothingButProjectsAndTeams() {
        Api owner = Api.newUser(port);
        UUID orgId = owner.createOrg("Key Bounds");
        String org = "/api/v1/orgs/" + orgId;
        UUID projectId = owner.post(org + "/projects", body("name", "P")).id();
        UUID teamId = owner.post(org + "/teams", body("name", "T")).id();
        List<String> everything = new ArrayList<>();
        for (String resource :
                List.of("projects", "teams", "members", "roles", "invitations", "organization", "audit-log", "usage")) {
            for (String action : List.of("create", "read", "update", "delete")) {
                everything.add(action);
                everything.add(resource);
            }
        }
        Api key = Api.apiKey(port, orgId, everything.toArray(String[]::new));

        for (String path : List.of(
                org,
                org + "/members",
                org + "/roles",
                org + "/invitations",
                org + "/audit-log",
                org + "/usage",
                org + "/projects/" + projectId + "/members",
                org + "/teams/" + teamId + "/members",
                "/api/v1/orgs",
                "/api/v1/me")) {
            var refused = key.get(path);
            assertThat(refused.status()).as(path).isEqualTo(403);
            assertThat(refused.errorCode()).as(path).isEqualTo("forbidden");
        }
        assertThat(key.post(org + "/invitations", body("email", "x@example.com", "role", "admin"))
                        .status())
                .isEqualTo(403);
        assertThat(key.put(org + "/projects/" + projectId + "/members/" + owner.userId, body("role", "admin"))
                        .status())
                .isEqualTo(403);
        assertThat(key.delete(org).status()).isEqualTo(403);
        assertThat(key.get(org + "/projects").status()).isEqualTo(200);
    }

    @Test
    void anAssertedKeyNeedsTheServiceCredential() {
        Api owner = Api.newUser(port);
        UUID orgId = owner.createOrg("Key Credential");
        String projects = "/api/v1/orgs/" + orgId + "/projects";

        var bare =
                Api.apiKeyWithCredential(port, orgId, null, "read", "projects").get(projects);
        assertThat(bare.status()).isEqualTo(401);
        assertThat(bare.errorCode()).isEqualTo("unauthorized");
        assertThat(Api.apiKeyWithCredential(port, orgId, "not-the-token", "read", "projects")
                        .get(projects)
                        .status())
                .isEqualTo(401);
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }
}
