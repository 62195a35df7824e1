package dev.tenantcore.search.reindex;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tenantcore.search.index.Documents;
import dev.tenantcore.search.index.Indices;
import dev.tenantcore.search.index.SearchDocument;
import dev.tenantcore.search.index.SearchIndex;
import dev.tenantcore.search.opensearch.OpenSearchUnavailable;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;
import org.springframework.stereotype.Component;

/**
 * Compares core with the index by id and version and repairs what differs: missing and stale documents
 * are written with core's version (a newer event still wins), documents core no longer has are removed
 * unless they changed after the check began (then an event put them there, not drift).
 */
@Component
public class ConsistencyCheck {

    private static final int SCAN_PAGE = 1_000;
    private static final int REPAIR_BATCH = 500;

    private final OpenSearchClient client;
    private final Indices indices;
    private final Documents documents;
    private final CoreCatalog catalog;
    private final IndexLocks locks;

    ConsistencyCheck(
            OpenSearchClient client, Indices indices, Documents documents, CoreCatalog catalog, IndexLocks locks) {
        this.client = client;
        this.indices = indices;
        this.documents = documents;
        this.catalog = catalog;
        this.locks = locks;
    }

    public ConsistencyReport checkAndRepair(SearchIndex index) {
        return locks.exclusively(index, () -> run(index));
    }

    private ConsistencyReport run(SearchIndex index) {
        Instant began = Instant.now();
        String physical = indices.current(index);
        Map<String, SearchDocument> expected = new HashMap<>();
        catalog.forEachPage(index, page -> page.forEach(d -> expected.put(d.id().toString(), d)));
        long total = expected.size();
        List<SearchDocument> repairs = new ArrayList<>();
        long stale = 0;
        long extra = 0;
        String after = null;
        while (true) {
            List<Hit<Indexed>> hits = scan(physical, after);
            if (hits.isEmpty()) {
                break;
            }
            for (Hit<Indexed> hit : hits) {
                SearchDocument wanted = expected.remove(hit.id());
                Indexed indexed = hit.source();
                long version = hit.version() == null ? 0 : hit.version();
                if (wanted == null && indexed != null && indexed.changedBefore(began)) {
                    documents.removeFrom(physical, hit.id(), indexed.orgId());
                    extra++;
                } else if (wanted != null && version < wanted.version()) {
                    repairs.add(wanted);
                    stale++;
                }
            }
            after = hits.getLast().id();
        }
        long missing = expected.size();
        repairs.addAll(expected.values());
        for (int from = 0; from < repairs.size(); from += REPAIR_BATCH) {
            documents.putAll(physical, repairs.subList(from, Math.min(repairs.size(), from + REPAIR_BATCH)));
        }
        if (!repairs.isEmpty() || extra > 0) {
            indices.refresh(index);
        }
        return new ConsistencyReport(index.alias(), total, missing, stale, extra);
    }

    private List<Hit<Indexed>> scan(String physical, @Nullable String after) {
        try {
            SearchResponse<Indexed> response = client.search(
                    s -> {
                        s.index(physical)
                                .size(SCAN_PAGE)
                                .version(true)
                                .source(src -> src.filter(f -> f.includes("org_id", "updated_at")))
                                .sort(so -> so.field(f -> f.field("id").order(SortOrder.Asc)))
                                .query(q -> q.matchAll(m -> m));
                        if (after != null) {
                            s.searchAfter(FieldValue.of(after));
                        }
                        return s;
                    },
                    Indexed.class);
            return response.hits().hits();
        } catch (IOException | OpenSearchException e) {
            throw OpenSearchUnavailable.translate(e);
        }
    }

    /** What the scan reads of each document. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Indexed(
            @JsonProperty("org_id") String orgId,
            @JsonProperty("updated_at") @Nullable String updatedAt) {

        boolean changedBefore(Instant instant) {
            return updatedAt == null || Instant.parse(updatedAt).isBefore(instant);
        }
    }
}
