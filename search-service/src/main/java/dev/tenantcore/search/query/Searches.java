package dev.tenantcore.search.query;

import dev.tenantcore.search.coreapi.Grants;
import dev.tenantcore.search.index.Indices;
import dev.tenantcore.search.index.SearchIndex;
import dev.tenantcore.search.opensearch.OpenSearchQueries;
import dev.tenantcore.search.opensearch.OpenSearchUnavailable;
import dev.tenantcore.support.web.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch._types.query_dsl.TextQueryType;
import org.opensearch.client.opensearch.core.SearchRequest;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.HighlighterEncoder;
import org.opensearch.client.opensearch.core.search.Hit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Searches an org's documents as one caller: relevance over names and descriptions with typo tolerance,
 * prefix matches on names while typing, highlights; restricted inside the query to the org and to what
 * the caller's grants allow, so totals and pages are exact. Only simple query types are used: the text is
 * never parsed as query syntax.
 */
@Component
public class Searches {

    private static final Logger log = LoggerFactory.getLogger(Searches.class);

    /** OpenSearch's default {@code index.max_result_window}. */
    static final int MAX_WINDOW = 10_000;

    private final OpenSearchQueries queries;
    private final Indices indices;
    private final GrantsCache grants;
    private final Timer latency;

    Searches(OpenSearchQueries queries, Indices indices, GrantsCache grants, MeterRegistry meters) {
        this.queries = queries;
        this.indices = indices;
        this.grants = grants;
        this.latency = Timer.builder("search.query.latency")
                .description("Time to answer a search, grants included")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    public SearchResults search(UUID userId, SearchCriteria criteria) {
        return latency.record(() -> run(userId, criteria));
    }

    private SearchResults run(UUID userId, SearchCriteria criteria) {
        Grants granted = grants.get(userId, criteria.orgId());
        if (!granted.member()) {
            // Non-members learn nothing, not even that the org exists.
            throw ApiException.notFound("Organization");
        }
        Optional<Query> access = AccessFilter.of(granted, userId, criteria.types());
        if (access.isEmpty()) {
            return new SearchResults(List.of(), 0);
        }
        long offset = criteria.page().offset();
        int limit = criteria.page().limit();
        boolean beyondWindow = offset + limit > MAX_WINDOW;
        SearchRequest request = SearchRequest.of(s -> s.index(
                        criteria.types().stream().map(SearchIndex::alias).toList())
                .routing(criteria.orgId().toString())
                .from(beyondWindow ? 0 : (int) offset)
                .size(beyondWindow ? 0 : limit)
                .trackTotalHits(t -> t.enabled(true))
                .query(q -> q.bool(b -> b.must(text(criteria.text())).filter(filters(criteria, access.get()))))
                .highlight(h -> h.requireFieldMatch(false)
                        .encoder(HighlighterEncoder.Html)
                        .fields("name", f -> f.numberOfFragments(0))
                        .fields("description", f -> f.fragmentSize(150).numberOfFragments(3))));
        SearchResponse<StoredDocument> response = execute(request);
        long total =
                response.hits().total() == null ? 0 : response.hits().total().value();
        List<SearchHit> hits = new ArrayList<>();
        for (Hit<StoredDocument> hit : response.hits().hits()) {
            hits.add(hit(hit));
        }
        return new SearchResults(hits, total);
    }

    private SearchResponse<StoredDocument> execute(SearchRequest request) {
        indices.ensureCreated();
        try {
            return queries.run(client -> client.search(request, StoredDocument.class));
        } catch (OpenSearchUnavailable e) {
            log.warn("search failed: {}", e.reason());
            throw e;
        }
    }

    /** Relevance with typo tolerance, or the name starting with what is typed so far. */
    private static Query text(String text) {
        return Query.of(q -> q.bool(b -> b.should(s -> s.multiMatch(m -> m.query(text)
                        .fields("name^3", "description")
                        .fuzziness("AUTO")
                        .prefixLength(1)))
                .should(s -> s.multiMatch(m -> m.query(text)
                        .type(TextQueryType.BoolPrefix)
                        .fields("name^2", "name._2gram^2", "name._3gram^2")))
                .minimumShouldMatch("1")));
    }

    private static List<Query> filters(SearchCriteria criteria, Query access) {
        List<Query> filters = new ArrayList<>();
        filters.add(AccessFilter.term("org_id", criteria.orgId().toString()));
        filters.add(access);
        if (criteria.teamId() != null) {
            filters.add(AccessFilter.term("team_id", criteria.teamId().toString()));
        }
        if (criteria.createdFrom() != null || criteria.createdTo() != null) {
            filters.add(Query.of(q -> q.range(r -> {
                r.field("created_at");
                if (criteria.createdFrom() != null) {
                    r.gte(JsonData.of(criteria.createdFrom().toString()));
                }
                if (criteria.createdTo() != null) {
                    r.lt(JsonData.of(criteria.createdTo().toString()));
                }
                return r;
            })));
        }
        return filters;
    }

    private static SearchHit hit(Hit<StoredDocument> hit) {
        StoredDocument source = hit.source();
        if (source == null) {
            throw new IllegalStateException("search hit without source");
        }
        return new SearchHit(
                source.type(),
                UUID.fromString(source.id()),
                UUID.fromString(source.orgId()),
                uuid(source.teamId()),
                source.name(),
                source.description(),
                source.createdAt() == null ? null : Instant.parse(source.createdAt()),
                hit.score() == null ? 0 : hit.score(),
                hit.highlight() == null ? Map.of() : hit.highlight());
    }

    private static @Nullable UUID uuid(@Nullable String value) {
        return value == null ? null : UUID.fromString(value);
    }
}
