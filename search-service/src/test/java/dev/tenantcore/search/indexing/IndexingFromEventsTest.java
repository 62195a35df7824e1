package dev.tenantcore.search.indexing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.contracts.events.Topics;
import dev.tenantcore.contracts.events.core.ProjectSnapshot;
import dev.tenantcore.contracts.events.core.TeamSnapshot;
import dev.tenantcore.search.CoreEvents;
import dev.tenantcore.search.CoreStub;
import dev.tenantcore.search.Eventually;
import dev.tenantcore.search.SearchApi;
import dev.tenantcore.search.SearchServiceTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

@SearchServiceTest
class IndexingFromEventsTest {

    @LocalServerPort
    int port;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    OpenSearchClient client;

    SearchApi api;
    UUID org = UUID.randomUUID();
    UUID user = UUID.randomUUID();

    @BeforeEach
    void setUp() throws InterruptedException {
        api = new SearchApi(port);
        CoreStub.member(user, org);
        CoreEvents.awaitConsumer(listeners);
    }

    @Test
    void projectEventIsSearchableWithinOneAndAHalfSeconds() {
        CoreEvents.project(CoreEvents.projectSnapshot(org, null, "Orion telemetry", "ground station feeds", 1));
        long start = System.nanoTime();

        Duration took = Eventually.within(
                Duration.ofMillis(1500),
                () -> api.search(user, org, "orion").names().contains("Orion telemetry"));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThanOrEqualTo(Duration.ofMillis(1500));
        assertThat(took).isLessThanOrEqualTo(Duration.ofMillis(1500));
    }

    @Test
    @SuppressWarnings("rawtypes")
    void replayedAndReorderedEventsLeaveTheLatestState() throws Exception {
        UUID id = UUID.randomUUID();
        var v1 = CoreEvents.projectSnapshot(id, org, null, "Vega first name", "one", 1, false);
        var v2 = CoreEvents.projectSnapshot(id, org, null, "Vega second name", "two", 2, false);
        var v3 = CoreEvents.projectSnapshot(id, org, null, "Vega third name", "three", 3, false);
        UUID gone = UUID.randomUUID();
        var g1 = CoreEvents.projectSnapshot(gone, org, null, "Vega doomed", "d", 1, false);
        var g2 = CoreEvents.projectSnapshot(gone, org, null, "Vega doomed", "d", 2, true);

        for (ProjectSnapshot p : List.of(v3, v1, v2, g2, g1, v3, v1, v2, g1, g2)) {
            CoreEvents.project(p);
        }
        var marker = CoreEvents.projectSnapshot(org, null, "Vega marker", "last", 1);
        CoreEvents.project(marker);

        Eventually.within(
                Duration.ofSeconds(10),
                () -> api.search(user, org, "marker").names().contains("Vega marker"));
        assertThat(api.search(user, org, "vega").names()).containsExactlyInAnyOrder("Vega third name", "Vega marker");
        var stored = client.get(g -> g.index("projects").id(id.toString()).routing(org.toString()), Map.class);
        assertThat(stored.version()).isEqualTo(3);
        assertThat(client.get(g -> g.index("projects").id(gone.toString()).routing(org.toString()), Map.class)
                        .found())
                .isFalse();
    }

    @Test
    void teamsAreIndexedAndDeleted() {
        UUID team = UUID.randomUUID();
        Instant now = Instant.now();
        CoreEvents.team(new TeamSnapshot(team, org, "Platform crew", "infra", user, now, now, 1, false));
        Eventually.within(
                Duration.ofSeconds(5),
                () -> api.query(user, org, "q=platform&type=team").names().contains("Platform crew"));

        CoreEvents.team(new TeamSnapshot(team, org, "Platform crew", "infra", user, now, now, 2, true));
        Eventually.within(
                Duration.ofSeconds(5),
                () -> api.query(user, org, "q=platform&type=team").names().isEmpty());
    }

    @Test
    void malformedEventGoesToTheDeadLetterTopicAndLaterEventsStillIndex() throws Exception {
        CoreEvents.publishRaw(Topics.CORE_PROJECTS, org.toString(), "{not json");
        CoreEvents.project(CoreEvents.projectSnapshot(org, null, "Lyra after poison", "ok", 1));

        Eventually.within(
                Duration.ofSeconds(10),
                () -> api.search(user, org, "lyra").names().contains("Lyra after poison"));
    }
}
