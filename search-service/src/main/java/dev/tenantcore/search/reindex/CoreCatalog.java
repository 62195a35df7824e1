package dev.tenantcore.search.reindex;

import dev.tenantcore.contracts.events.core.OrganizationSnapshot;
import dev.tenantcore.contracts.events.core.ProjectSnapshot;
import dev.tenantcore.contracts.events.core.TeamSnapshot;
import dev.tenantcore.search.coreapi.CoreApi;
import dev.tenantcore.search.index.SearchDocument;
import dev.tenantcore.search.index.SearchIndex;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Everything core holds for one index, as documents, read page by page from core's internal listings. */
@Component
class CoreCatalog {

    static final int PAGE = 500;

    private final CoreApi core;

    CoreCatalog(CoreApi core) {
        this.core = core;
    }

    /** Hands every live document to {@code sink}, one page at a time. */
    void forEachPage(SearchIndex index, Consumer<List<SearchDocument>> sink) {
        UUID after = null;
        while (true) {
            Page page = page(index, after);
            if (page.last() == null) {
                return;
            }
            sink.accept(page.documents());
            after = page.last();
        }
    }

    private Page page(SearchIndex index, @Nullable UUID after) {
        return switch (index) {
            case PROJECTS -> {
                List<ProjectSnapshot> list = core.list("projects", ProjectSnapshot.class, after, PAGE);
                yield new Page(
                        list.stream()
                                .filter(p -> !p.deleted())
                                .map(SearchDocument::of)
                                .toList(),
                        list.isEmpty() ? null : list.getLast().projectId());
            }
            case TEAMS -> {
                List<TeamSnapshot> list = core.list("teams", TeamSnapshot.class, after, PAGE);
                yield new Page(
                        list.stream()
                                .filter(t -> !t.deleted())
                                .map(SearchDocument::of)
                                .toList(),
                        list.isEmpty() ? null : list.getLast().teamId());
            }
            case ORGANIZATIONS -> {
                List<OrganizationSnapshot> list = core.list("organizations", OrganizationSnapshot.class, after, PAGE);
                yield new Page(
                        list.stream()
                                .filter(o -> o.deletedAt() == null)
                                .map(SearchDocument::of)
                                .toList(),
                        list.isEmpty() ? null : list.getLast().orgId());
            }
        };
    }

    private record Page(
            List<SearchDocument> documents, @Nullable UUID last) {}
}
