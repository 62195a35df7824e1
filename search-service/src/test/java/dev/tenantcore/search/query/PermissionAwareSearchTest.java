package dev.tenantcore.search.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.contracts.events.core.ProjectSnapshot;
import dev.tenantcore.search.CoreEvents;
import dev.tenantcore.search.CoreStub;
import dev.tenantcore.search.Eventually;
import dev.tenantcore.search.SearchApi;
import dev.tenantcore.search.SearchServiceTest;
import dev.tenantcore.search.index.Documents;
import dev.tenantcore.search.index.Indices;
import dev.tenantcore.search.index.SearchDocument;
import dev.tenantcore.search.index.SearchIndex;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@SearchServiceTest
class PermissionAwareSearchTest {

    @LocalServerPort
    int port;

    @Autowired
    Documents documents;

    @Autowired
    Indices indices;

    SearchApi api;
    UUID orgA = UUID.randomUUID();
    UUID orgB = UUID.randomUUID();
    UUID teamA = UUID.randomUUID();
    UUID alice = UUID.randomUUID();
    ProjectSnapshot apolloA;
    ProjectSnapshot gemini;

    @BeforeEach
    void setUp() {
        api = new SearchApi(port);
        apolloA = CoreEvents.projectSnapshot(orgA, teamA, "Apollo guidance", "lunar module software", 1);
        gemini = CoreEvents.projectSnapshot(orgA, null, "Gemini docking", "apollo precursor", 1);
        put(apolloA);
        put(gemini);
        put(CoreEvents.projectSnapshot(orgB, null, "Apollo secret of B", "not for A", 1));
        indices.refresh(SearchIndex.PROJECTS);
        warmUp();
    }

    private static boolean warm;

    /**
     * OpenSearch's first fuzzy, prefix and highlighting query after its start loads what those need; on a
     * CPU-starved build machine that alone can take longer than the query timeout, which is not what these tests
     * are about.
     */
    private void warmUp() {
        if (warm) {
            return;
        }
        UUID someone = UUID.randomUUID();
        CoreStub.member(someone, orgA);
        Eventually.within(
                Duration.ofSeconds(30),
                () -> api.search(someone, orgA, "apolo guid").status() == 200);
        warm = true;
    }

    @Test
    void memberOfOrgANeverSeesOrgBDocuments() {
        CoreStub.member(alice, orgA);

        var answer = api.search(alice, orgA, "apollo");

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        assertThat(answer.names()).containsExactlyInAnyOrder("Apollo guidance", "Gemini docking");
        assertThat(answer.total()).isEqualTo(2);
        assertThat(api.search(alice, orgB, "apollo").status()).isEqualTo(404);
    }

    @Test
    void projectScopedGrantSeesOnlyThatProject() {
        CoreStub.grant(alice, orgA, List.of("organization"), Set.of(), Set.of(gemini.projectId()));

        var answer = api.query(alice, orgA, "q=apollo&type=project");

        assertThat(answer.names()).containsExactly("Gemini docking");
        assertThat(answer.total()).isEqualTo(1);
    }

    @Test
    void teamScopedGrantSeesTheTeamsProjects() {
        CoreStub.grant(alice, orgA, List.of(), Set.of(teamA), Set.of());

        assertThat(api.search(alice, orgA, "apollo").names()).containsExactly("Apollo guidance");
    }

    @Test
    void revokedGrantDisappearsWithinTwoSeconds() {
        CoreStub.grant(alice, orgA, List.of(), Set.of(), Set.of(apolloA.projectId()));
        assertThat(api.search(alice, orgA, "apollo").names()).containsExactly("Apollo guidance");

        CoreStub.grant(alice, orgA, List.of(), Set.of(), Set.of());

        Eventually.within(
                Duration.ofSeconds(2),
                () -> api.search(alice, orgA, "apollo").names().isEmpty());
    }

    @Test
    void toleratesTyposAndMatchesPrefixesWithHighlights() {
        CoreStub.member(alice, orgA);

        assertThat(api.search(alice, orgA, "apolo").names()).contains("Apollo guidance");
        var typing = api.search(alice, orgA, "apollo guid");
        assertThat(typing.names().getFirst()).isEqualTo("Apollo guidance");
        assertThat(typing.body()
                        .path("data")
                        .get(0)
                        .path("highlights")
                        .path("name")
                        .get(0)
                        .asString())
                .contains("<em>Apollo</em>");
    }

    @Test
    void pagesAndTotalsCountOnlyReadableDocuments() {
        CoreStub.member(alice, orgA);

        var first = api.query(alice, orgA, "q=apollo&limit=1&page=1");
        var second = api.query(alice, orgA, "q=apollo&limit=1&page=2");
        var beyond = api.query(alice, orgA, "q=apollo&limit=1&page=3");
        var farBeyond = api.query(alice, orgA, "q=apollo&limit=100&page=1000000");

        assertThat(first.total()).isEqualTo(2);
        assertThat(List.of(first.names().getFirst(), second.names().getFirst()))
                .containsExactlyInAnyOrder("Apollo guidance", "Gemini docking");
        assertThat(beyond.names()).isEmpty();
        assertThat(beyond.total()).isEqualTo(2);
        assertThat(farBeyond.status()).isEqualTo(200);
        assertThat(farBeyond.names()).isEmpty();
        assertThat(farBeyond.total()).isEqualTo(2);
    }

    @Test
    void filtersByTeamAndCreatedRange() {
        CoreStub.member(alice, orgA);

        assertThat(api.query(alice, orgA, "q=apollo&team=" + teamA).names()).containsExactly("Apollo guidance");
        assertThat(api.query(alice, orgA, "q=apollo&createdFrom=2030-01-01T00:00:00Z")
                        .names())
                .isEmpty();
        assertThat(api.query(alice, orgA, "q=apollo&createdTo=2030-01-01T00:00:00Z")
                        .total())
                .isEqualTo(2);
    }

    @Test
    void badInputGetsEnvelopeErrorsNeverAServerError() {
        CoreStub.member(alice, orgA);

        for (String query : List.of(
                "q=",
                "q=%20%20",
                "q=" + "x".repeat(201),
                "q=apollo&type=spaceship",
                "q=apollo&limit=0",
                "q=apollo&limit=101",
                "q=apollo&page=0",
                "q=apollo&team=not-a-uuid",
                "q=apollo&createdFrom=yesterday",
                "type=project")) {
            var answer = api.query(alice, orgA, query);
            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.errorCode()).as(query).isEqualTo("validation_failed");
        }
        for (String syntax : List.of("apollo AND (", "name:apollo OR *", "\"unbalanced", "a\\b/c~2^3{[}]!", "*")) {
            var answer = api.search(alice, orgA, syntax);
            assertThat(answer.status()).as(syntax).isEqualTo(200);
            assertThat(answer.body().toString()).doesNotContainIgnoringCase("exception");
        }
    }

    private void put(ProjectSnapshot snapshot) {
        documents.put(SearchDocument.of(snapshot));
    }
}
