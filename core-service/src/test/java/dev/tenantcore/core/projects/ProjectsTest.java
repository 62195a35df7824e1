package dev.tenantcore.core.projects;

import static dev.tenantcore.core.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.core.Api;
import dev.tenantcore.core.CoreServiceTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@CoreServiceTest
class ProjectsTest {

    @LocalServerPort
    int port;

    @Test
    void listsFilterSortAndPageWithTotals() {
        Api owner = Api.newUser(port);
        UUID orgId = owner.createOrg("Lists");
        String projects = "/api/v1/orgs/" + orgId + "/projects";
        UUID teamId = owner.post("/api/v1/orgs/" + orgId + "/teams", body("name", "Core"))
                .id();
        Instant start = Instant.now();
        for (String name : List.of("alpha", "beta", "gamma", "delta_x", "epsilon%")) {
            owner.post(projects, body("name", name, "teamId", name.startsWith("a") ? teamId : null));
        }

        var page = owner.get(projects + "?limit=2&page=2&sort=name");
        assertThat(page.json().get("meta").get("total").asLong()).isEqualTo(5);
        assertThat(page.json().get("meta").get("page").asInt()).isEqualTo(2);
        assertThat(page.data().get(0).get("name").asString()).isEqualTo("delta_x");
        assertThat(owner.get(projects + "?sort=-name&limit=1")
                        .data()
                        .get(0)
                        .get("name")
                        .asString())
                .isEqualTo("gamma");
        assertThat(owner.get(projects + "?name=ET")
                        .json()
                        .get("meta")
                        .get("total")
                        .asLong())
                .isEqualTo(1);
        // LIKE wildcards in the filter are literal.
        assertThat(owner.get(projects + "?name=%25")
                        .json()
                        .get("meta")
                        .get("total")
                        .asLong())
                .isEqualTo(1);
        assertThat(owner.get(projects + "?name=_")
                        .json()
                        .get("meta")
                        .get("total")
                        .asLong())
                .isEqualTo(1);
        assertThat(owner.get(projects + "?teamId=" + teamId)
                        .json()
                        .get("meta")
                        .get("total")
                        .asLong())
                .isEqualTo(1);
        assertThat(owner.get(projects + "?createdFrom=" + start)
                        .json()
                        .get("meta")
                        .get("total")
                        .asLong())
                .isEqualTo(5);
        assertThat(owner.get(projects + "?createdTo=" + start)
                        .json()
                        .get("meta")
                        .get("total")
                        .asLong())
                .isZero();
        assertThat(owner.get(projects + "?createdFrom=yesterday").status()).isEqualTo(400);
        assertThat(owner.get(projects + "?teamId=nope").status()).isEqualTo(400);
        assertThat(owner.post(projects, body("name", "x", "teamId", UUID.randomUUID()))
                        .errorCode())
                .isEqualTo("validation_failed");
        assertThat(owner.post(projects, body("name", " ")).errorCode()).isEqualTo("validation_failed");
    }

    @Test
    void cursorPagesVisitEveryProjectOnce() {
        Api owner = Api.newUser(port);
        UUID orgId = owner.createOrg("Cursors");
        for (int i = 0; i < 7; i++) {
            owner.post("/api/v1/orgs/" + orgId + "/projects", body("name", "p" + i));
        }
        Set<String> seen = new HashSet<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        do {
            var slice = owner.get(
                    "/api/v2/orgs/" + orgId + "/projects?limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(slice.status()).isEqualTo(200);
            slice.data().get("items").forEach(p -> seen.add(p.get("id").asString()));
            sizes.add(slice.data().get("items").size());
            cursor = slice.data().has("nextCursor")
                    ? slice.data().get("nextCursor").asString()
                    : null;
        } while (cursor != null);
        assertThat(seen).hasSize(7);
        assertThat(sizes).containsExactly(3, 3, 1);
        assertThat(owner.get("/api/v2/orgs/" + orgId + "/projects?cursor=garbage!")
                        .status())
                .isEqualTo(400);
        assertThat(owner.get("/api/v2/orgs/" + orgId + "/projects?limit=0").status())
                .isEqualTo(400);
    }

    @Test
    void deletingATeamLeavesItsProjectsWithoutTeam() {
        Api owner = Api.newUser(port);
        UUID orgId = owner.createOrg("Teams");
        String teams = "/api/v1/orgs/" + orgId + "/teams";
        UUID teamId = owner.post(teams, body("name", "Doomed")).id();
        assertThat(owner.post(teams, body("name", "Doomed")).status()).isEqualTo(409);
        UUID projectId = owner.post("/api/v1/orgs/" + orgId + "/projects", body("name", "Survivor", "teamId", teamId))
                .id();
        var team = owner.get(teams + "/" + teamId);
        assertThat(owner.patch(teams + "/" + teamId, body("description", "d"), "If-Match", team.etag())
                        .status())
                .isEqualTo(200);
        assertThat(owner.patch(teams + "/" + teamId, body("description", "e"), "If-Match", team.etag())
                        .status())
                .isEqualTo(412);
        assertThat(owner.delete(teams + "/" + teamId).status()).isEqualTo(204);
        var project = owner.get("/api/v1/orgs/" + orgId + "/projects/" + projectId);
        assertThat(project.data().has("teamId")).isFalse();
        assertThat(project.data().get("version").asLong()).isEqualTo(2);
        assertThat(owner.get(teams + "/" + teamId).status()).isEqualTo(404);
    }
}
