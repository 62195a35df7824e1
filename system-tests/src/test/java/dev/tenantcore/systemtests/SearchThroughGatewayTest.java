package dev.tenantcore.systemtests;

import static dev.tenantcore.systemtests.SweepSupport.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.systemtests.SweepSupport.Actor;
import dev.tenantcore.systemtests.SweepSupport.Tenant;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A project created through the gateway is found through the gateway's search: core commits, its outbox
 * sends the event, search-service indexes it, and the member's search returns it with a highlight. The lag
 * is printed; its p99 at 50 writes/s is a figure of {@code benchmarks/run} (target 1.5 s).
 */
@Order(25)
class SearchThroughGatewayTest {

    @Test
    void aProjectCreatedThroughTheGatewayIsFoundBySearch() throws Exception {
        var system = RunningSystem.get();
        Actor actor = SweepSupport.signUp(system, "search");
        Tenant tenant = SweepSupport.createTenant(system, actor, "search", "enterprise");
        String word = "zephyr" + SweepSupport.shortId().replaceAll("[^a-z]", "");
        var created = SweepSupport.json(
                system,
                actor,
                "POST",
                "/api/v1/orgs/" + tenant.orgId() + "/projects",
                JSON.writeValueAsString(Map.of("name", "Launch " + word)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long committed = System.nanoTime();
        String id = JSON.readTree(created.body()).path("data").path("id").asString();

        JsonNode hit = null;
        long millis = 0;
        while (hit == null && millis < 15_000) {
            var found = SweepSupport.json(
                    system, actor, "GET", "/api/v1/orgs/" + tenant.orgId() + "/search?type=project&q=" + word, null);
            millis = (System.nanoTime() - committed) / 1_000_000;
            assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
            for (JsonNode candidate : JSON.readTree(found.body()).path("data")) {
                if (candidate.path("id").asString().equals(id)) {
                    hit = candidate;
                }
            }
            if (hit == null) {
                Thread.sleep(100);
            }
        }
        System.out.printf("search: project found %d ms after its 201%n", millis);
        assertThat(hit).as("the project in the search results within 15 s").isNotNull();
        assertThat(hit.toString()).contains(word);
    }
}
