package dev.tenantcore.core.authorization;

import static dev.tenantcore.core.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.core.Api;
import dev.tenantcore.core.CoreServiceTest;
import dev.tenantcore.core.Fixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@CoreServiceTest
class AccessControlTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    Api owner;
    UUID orgId;

    @BeforeEach
    void anOrg() {
        owner = Api.newUser(port);
        orgId = owner.createOrg("Access Org");
    }

    String projects() {
        return "/api/v1/orgs/" + orgId + "/projects";
    }

    UUID project(Api as, String name) {
        var created = as.post(projects(), body("name", name));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.id();
    }

    @Test
    void viewerReadsButCannotWrite() {
        UUID projectId = project(owner, "Readable");
        Api viewer = Api.newUser(port);
        fixtures.addMember(orgId, viewer, "viewer");

        assertThat(viewer.get(projects() + "/" + projectId).status()).isEqualTo(200);
        assertThat(viewer.post(projects(), body("name", "Nope")).status()).isEqualTo(403);
        assertThat(viewer.patch(projects() + "/" + projectId, body("name", "Nope"))
                        .status())
                .isEqualTo(403);
        assertThat(viewer.delete(projects() + "/" + projectId).status()).isEqualTo(403);
        assertThat(viewer.post("/api/v1/orgs/" + orgId + "/teams", body("name", "Nope"))
                        .status())
                .isEqualTo(403);
        assertThat(viewer.post(
                                "/api/v1/orgs/" + orgId + "/invitations",
                                body("email", "x@example.com", "role", "viewer"))
                        .status())
                .isEqualTo(403);
        assertThat(viewer.patch("/api/v1/orgs/" + orgId, body("name", "Nope")).status())
                .isEqualTo(403);
        assertThat(viewer.get(projects() + "/" + projectId).data().get("name").asString())
                .isEqualTo("Readable");
    }

    @Test
    void roleChangeTakesEffectWithinASecond() {
        Api user = Api.newUser(port);
        fixtures.addMember(orgId, user, "viewer");
        assertThat(user.post(projects(), body("name", "Before")).status()).isEqualTo(403);

        var changed = owner.patch("/api/v1/orgs/" + orgId + "/members/" + user.userId, body("role", "admin"));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        long start = System.nanoTime();
        int status = user.post(projects(), body("name", "After")).status();
        while (status != 201 && System.nanoTime() - start < 1_000_000_000L) {
            status = user.post(projects(), body("name", "After")).status();
        }
        assertThat(status).isEqualTo(201);

        owner.patch("/api/v1/orgs/" + orgId + "/members/" + user.userId, body("role", "viewer"));
        assertThat(user.post(projects(), body("name", "Again")).status()).isEqualTo(403);
    }

    @Test
    void projectScopedMemberSeesOnlyThatProject() {
        UUID visible = project(owner, "Visible");
        UUID hidden = project(owner, "Hidden");
        var guestRole = owner.post(
                "/api/v1/orgs/" + orgId + "/roles",
                body("name", "guest", "permissions", List.of(Map.of("action", "read", "resource", "organization"))));
        assertThat(guestRole.status()).as(guestRole.toString()).isEqualTo(201);
        Api guest = Api.newUser(port);
        fixtures.addMember(orgId, guest, "guest");
        assertThat(guest.get(projects()).json().get("meta").get("total").asLong())
                .isZero();

        var assigned = owner.put(projects() + "/" + visible + "/members/" + guest.userId, body("role", "viewer"));
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);

        var list = guest.get(projects());
        assertThat(list.json().get("meta").get("total").asLong()).isEqualTo(1);
        assertThat(list.data().get(0).get("id").asString()).isEqualTo(visible.toString());
        assertThat(guest.get("/api/v2/orgs/" + orgId + "/projects")
                        .data()
                        .get("items")
                        .size())
                .isEqualTo(1);
        assertThat(guest.get(projects() + "/" + visible).status()).isEqualTo(200);
        assertThat(guest.get(projects() + "/" + hidden).status()).isEqualTo(404);
        assertThat(guest.patch(projects() + "/" + visible, body("name", "x")).status())
                .isEqualTo(403);

        JsonNode grants = internal("GET", "/internal/authz/grants?userId=" + guest.userId + "&orgId=" + orgId, null);
        assertThat(grants.get("data").get("projectIds").get(0).asString()).isEqualTo(visible.toString());
        assertThat(grants.get("data").get("orgWide").toString()).doesNotContain("projects");
    }

    @Test
    void teamRoleCoversTheTeamsProjects() {
        UUID teamId = owner.post("/api/v1/orgs/" + orgId + "/teams", body("name", "Platform"))
                .id();
        UUID inTeam = project(owner, "In team");
        owner.patch(projects() + "/" + inTeam, body("teamId", teamId));
        project(owner, "Outside");
        owner.post(
                "/api/v1/orgs/" + orgId + "/roles",
                body("name", "guest", "permissions", List.of(Map.of("action", "read", "resource", "organization"))));
        Api guest = Api.newUser(port);
        fixtures.addMember(orgId, guest, "guest");
        owner.put("/api/v1/orgs/" + orgId + "/teams/" + teamId + "/members/" + guest.userId, body("role", "admin"));

        var list = guest.get(projects());
        assertThat(list.json().get("meta").get("total").asLong()).isEqualTo(1);
        assertThat(list.data().get(0).get("id").asString()).isEqualTo(inTeam.toString());
        assertThat(guest.patch(projects() + "/" + inTeam, body("description", "team admin may"))
                        .status())
                .isEqualTo(200);
        assertThat(guest.post(projects(), body("name", "no team")).status()).isEqualTo(403);
        assertThat(guest.post(projects(), body("name", "in team", "teamId", teamId))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void customRoleConditionAllowsExactlyWhatItSays() {
        UUID ownersProject = project(owner, "Owner's");
        var role = owner.post(
                "/api/v1/orgs/" + orgId + "/roles",
                body(
                        "name",
                        "author",
                        "permissions",
                        List.of(
                                Map.of("action", "read", "resource", "organization"),
                                Map.of("action", "create", "resource", "projects"),
                                Fixtures.permission("read", "projects", Map.of("createdBy", "$user")),
                                Fixtures.permission("update", "projects", Map.of("createdBy", "$user")))));
        assertThat(role.status()).as(role.toString()).isEqualTo(201);
        Api author = Api.newUser(port);
        fixtures.addMember(orgId, author, "author");

        UUID own = project(author, "Mine");
        assertThat(author.patch(projects() + "/" + own, body("name", "Mine, renamed"))
                        .status())
                .isEqualTo(200);
        assertThat(author.delete(projects() + "/" + own).status()).isEqualTo(403);
        assertThat(author.get(projects() + "/" + ownersProject).status()).isEqualTo(404);
        assertThat(author.patch(projects() + "/" + ownersProject, body("name", "Hijack"))
                        .status())
                .isEqualTo(404);
        var list = author.get(projects());
        assertThat(list.json().get("meta").get("total").asLong()).isEqualTo(1);
        assertThat(list.data().get(0).get("id").asString()).isEqualTo(own.toString());
    }

    @Test
    void adminCannotGrantWhatTheyDoNotHold() {
        Api admin = Api.newUser(port);
        fixtures.addMember(orgId, admin, "admin");
        var escalate = admin.post(
                "/api/v1/orgs/" + orgId + "/roles",
                body("name", "god", "permissions", List.of(Map.of("action", "*", "resource", "*"))));
        assertThat(escalate.status()).isEqualTo(403);
        assertThat(admin.patch("/api/v1/orgs/" + orgId + "/members/" + admin.userId, body("role", "owner"))
                        .status())
                .isEqualTo(403);
        assertThat(admin.delete("/api/v1/orgs/" + orgId + "/members/" + owner.userId)
                        .status())
                .isEqualTo(403);
        assertThat(admin.delete("/api/v1/orgs/" + orgId).status()).isEqualTo(403);
    }

    @Test
    void lastOwnerCanNeitherLeaveNorBeRemoved() {
        assertThat(owner.delete("/api/v1/orgs/" + orgId + "/members/me").status())
                .isEqualTo(409);
        assertThat(owner.delete("/api/v1/orgs/" + orgId + "/members/" + owner.userId)
                        .status())
                .isEqualTo(409);
        assertThat(owner.patch("/api/v1/orgs/" + orgId + "/members/" + owner.userId, body("role", "admin"))
                        .status())
                .isEqualTo(409);
        Api second = Api.newUser(port);
        fixtures.addMember(orgId, second, "owner");
        assertThat(owner.delete("/api/v1/orgs/" + orgId + "/members/me").status())
                .isEqualTo(204);
        assertThat(owner.get("/api/v1/orgs/" + orgId).status()).isEqualTo(404);
    }

    @Test
    void membersAreListedWithFilters() {
        Api viewer = Api.newUser(port);
        fixtures.addMember(orgId, viewer, "viewer");
        var all = owner.get("/api/v1/orgs/" + orgId + "/members");
        assertThat(all.json().get("meta").get("total").asLong()).isEqualTo(2);
        var viewers = owner.get("/api/v1/orgs/" + orgId + "/members?role=viewer");
        assertThat(viewers.json().get("meta").get("total").asLong()).isEqualTo(1);
        assertThat(viewers.data().get(0).get("email").asString()).isEqualTo(viewer.email);
        var byEmail = owner.get("/api/v1/orgs/" + orgId + "/members?email=" + owner.email.substring(0, 10));
        assertThat(byEmail.json().get("meta").get("total").asLong()).isEqualTo(1);
        assertThat(owner.patch("/api/v1/orgs/" + orgId + "/members/" + viewer.userId, body("role", "emperor"))
                        .errorCode())
                .isEqualTo("validation_failed");
    }

    @Test
    void freeTierLimitsProjects() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            statuses.add(owner.post(projects(), body("name", "p" + i)).status());
        }
        assertThat(statuses.subList(0, 10)).containsOnly(201);
        var over = owner.post(projects(), body("name", "one too many"));
        assertThat(over.status()).isEqualTo(403);
        assertThat(over.errorCode()).isEqualTo("quota_exceeded");
    }

    @Test
    void internalCheckNeedsTheServiceCredentialAndDecides() throws Exception {
        Api member = Api.newUser(port);
        fixtures.addMember(orgId, member, "member");
        Api viewer = Api.newUser(port);
        fixtures.addMember(orgId, viewer, "viewer");
        String check = "{\"userId\":\"%s\",\"orgId\":\"" + orgId
                + "\",\"action\":\"create\",\"resource\":\"api-keys\",\"attributes\":{}}";
        var noToken = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/internal/authz/check"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(check.formatted(member.userId)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(internal("POST", "/internal/authz/check", check.formatted(member.userId))
                        .get("data")
                        .get("allowed")
                        .asBoolean())
                .isTrue();
        assertThat(internal("POST", "/internal/authz/check", check.formatted(viewer.userId))
                        .get("data")
                        .get("allowed")
                        .asBoolean())
                .isFalse();
        assertThat(internal("POST", "/internal/authz/check", check.formatted(UUID.randomUUID()))
                        .get("data")
                        .get("allowed")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void builtInRolesGrantWhatOtherServicesAskFor() {
        Api admin = Api.newUser(port);
        fixtures.addMember(orgId, admin, "admin");
        Api member = Api.newUser(port);
        fixtures.addMember(orgId, member, "member");
        Api viewer = Api.newUser(port);
        fixtures.addMember(orgId, viewer, "viewer");
        Map<String, Api> users = Map.of("owner", owner, "admin", admin, "member", member, "viewer", viewer);
        // role -> "action resource" -> allowed (auth-service: api_keys; worker-service: jobs, reports, exports)
        Map<String, Map<String, Boolean>> expected = Map.of(
                "owner", Map.of("delete api_keys", true, "delete jobs", true, "create exports", true),
                "admin",
                        Map.of(
                                "create api_keys",
                                true,
                                "delete api_keys",
                                true,
                                "read jobs",
                                true,
                                "create reports",
                                true,
                                "create exports",
                                true,
                                "read exports",
                                true),
                "member",
                        Map.of(
                                "create api_keys",
                                true,
                                "create api-keys",
                                true,
                                "delete api_keys",
                                false,
                                "read jobs",
                                true,
                                "create reports",
                                true,
                                "read reports",
                                true,
                                "create exports",
                                true,
                                "read exports",
                                true),
                "viewer",
                        Map.of(
                                "read jobs",
                                true,
                                "read reports",
                                true,
                                "create reports",
                                false,
                                "create exports",
                                false,
                                "read exports",
                                false,
                                "create api_keys",
                                false));
        expected.forEach((role, checks) -> checks.forEach((check, allowed) -> {
            String[] parts = check.split(" ");
            assertThat(allowedTo(users.get(role), parts[0], parts[1], Map.of()))
                    .as(role + " " + check)
                    .isEqualTo(allowed);
        }));
        // Members manage their own API keys only; the hyphenated name means the same.
        for (String resource : List.of("api_keys", "api-keys")) {
            for (String action : List.of("read", "update", "delete")) {
                assertThat(allowedTo(member, action, resource, Map.of("createdBy", member.userId.toString())))
                        .as("member " + action + " own " + resource)
                        .isTrue();
                assertThat(allowedTo(member, action, resource, Map.of("createdBy", owner.userId.toString())))
                        .as("member " + action + " other's " + resource)
                        .isFalse();
            }
        }
    }

    boolean allowedTo(Api user, String action, String resource, Map<String, String> attributes) {
        String request = tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .writeValueAsString(Map.of(
                        "userId",
                        user.userId.toString(),
                        "orgId",
                        orgId.toString(),
                        "action",
                        action,
                        "resource",
                        resource,
                        "attributes",
                        attributes));
        return internal("POST", "/internal/authz/check", request)
                .get("data")
                .get("allowed")
                .asBoolean();
    }

    JsonNode internal(String method, String path, String body) {
        try {
            var response = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .build()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .header("Content-Type", "application/json")
                                    .header("X-Internal-Token", "local-internal-token")
                                    .method(
                                            method,
                                            body == null
                                                    ? HttpRequest.BodyPublishers.noBody()
                                                    : HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
