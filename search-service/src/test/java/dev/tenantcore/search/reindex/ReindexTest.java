package dev.tenantcore.search.reindex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.contracts.events.core.ProjectSnapshot;
import dev.tenantcore.search.CoreEvents;
import dev.tenantcore.search.CoreStub;
import dev.tenantcore.search.SearchApi;
import dev.tenantcore.search.SearchServiceTest;
import dev.tenantcore.search.index.Documents;
import dev.tenantcore.search.index.Indices;
import dev.tenantcore.search.index.SearchDocument;
import dev.tenantcore.search.index.SearchIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@SearchServiceTest
class ReindexTest {

    @LocalServerPort
    int port;

    @Autowired
    Indices indices;

    @Autowired
    Documents documents;

    @Autowired
    OpenSearchClient client;

    SearchApi api;
    UUID org = UUID.randomUUID();
    UUID user = UUID.randomUUID();
    List<ProjectSnapshot> projects = new ArrayList<>();

    @BeforeEach
    void setUp() {
        api = new SearchApi(port);
        CoreStub.member(user, org);
        for (int i = 0; i < 300; i++) {
            var p = CoreEvents.projectSnapshot(org, null, "Nebula survey " + i, "deep field " + i, 2);
            projects.add(p);
            CoreStub.listed("projects", p.projectId(), p);
        }
        documents.putAll(
                indices.current(SearchIndex.PROJECTS),
                projects.stream().map(SearchDocument::of).toList());
        indices.refresh(SearchIndex.PROJECTS);
    }

    @Test
    void reindexWhileSearchingFailsNoSearchAndMovesTheAlias() throws Exception {
        String before = indices.current(SearchIndex.PROJECTS);
        var running = new AtomicBoolean(true);
        var searches = new AtomicInteger();
        var failures = new ConcurrentLinkedQueue<String>();
        Thread searcher = Thread.ofVirtual().start(() -> {
            while (running.get()) {
                var answer = api.search(user, org, "nebula");
                searches.incrementAndGet();
                if (answer.status() != 200 || answer.total() != projects.size()) {
                    failures.add(answer.status() + " total=" + answer.total());
                }
            }
        });

        var report = api.internalPost("/internal/reindex/projects");
        running.set(false);
        searcher.join();

        assertThat(report.status()).as(report.body().toString()).isEqualTo(200);
        String after = indices.current(SearchIndex.PROJECTS);
        assertThat(after)
                .isNotEqualTo(before)
                .isEqualTo(report.body().path("data").path("to").asString());
        assertThat(client.indices().exists(e -> e.index(before)).value()).isFalse();
        assertThat(searches.get()).isPositive();
        assertThat(failures).isEmpty();
        assertThat(report.body().path("data").path("documents").asLong()).isGreaterThanOrEqualTo(projects.size());
    }

    @Test
    void consistencyCheckRepairsMissingStaleAndExtraDocuments() {
        var missing = CoreEvents.projectSnapshot(org, null, "Nebula never indexed", "its event was lost", 1);
        CoreStub.listed("projects", missing.projectId(), missing);
        var stale = projects.get(1);
        var newer = CoreEvents.projectSnapshot(stale.projectId(), org, null, "Nebula renamed", "deep field", 3, false);
        CoreStub.listed("projects", newer.projectId(), newer);
        var extra = projects.get(2);
        CoreStub.unlisted("projects", extra.projectId());

        var first = api.internalPost("/internal/consistency/projects");
        var second = api.internalPost("/internal/consistency/projects");

        assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
        var report = first.body().path("data");
        assertThat(report.path("missing").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(report.path("stale").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(report.path("extra").asLong()).isGreaterThanOrEqualTo(1);
        var again = second.body().path("data");
        assertThat(again.path("missing").asLong()
                        + again.path("stale").asLong()
                        + again.path("extra").asLong())
                .isZero();
        indices.refresh(SearchIndex.PROJECTS);
        assertThat(api.search(user, org, "renamed").names()).contains("Nebula renamed");
        assertThat(api.search(user, org, "indexed").names()).contains("Nebula never indexed");
        assertThat(api.search(user, org, "nebula").total()).isEqualTo(projects.size());
    }

    @Test
    void unknownIndexAndMissingCredentialAreRefused() {
        assertThat(api.internalPost("/internal/reindex/nothing").status()).isEqualTo(404);
    }
}
