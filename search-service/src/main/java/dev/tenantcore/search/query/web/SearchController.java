package dev.tenantcore.search.query.web;

import dev.tenantcore.contracts.api.ApiResponse;
import dev.tenantcore.contracts.api.PageQuery;
import dev.tenantcore.search.index.SearchIndex;
import dev.tenantcore.search.query.SearchCriteria;
import dev.tenantcore.search.query.SearchHit;
import dev.tenantcore.search.query.SearchResults;
import dev.tenantcore.search.query.Searches;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/orgs/{orgId}/search")
class SearchController {

    private final Searches searches;

    SearchController(Searches searches) {
        this.searches = searches;
    }

    @Operation(summary = "Search the org's projects, teams and the org itself; only what the caller may read")
    @GetMapping
    ApiResponse<List<SearchHit>> search(
            @Parameter(hidden = true) @AuthenticationPrincipal Jwt caller,
            @PathVariable UUID orgId,
            @Parameter(description = "What to look for; typos and unfinished words are fine")
                    @RequestParam
                    @NotBlank
                    @Size(max = SearchCriteria.MAX_TEXT)
                    String q,
            @Parameter(description = "project, team or organization; all when absent")
                    @RequestParam(required = false)
                    @Nullable
                    @Pattern(regexp = "project|team|organization")
                    String type,
            @Parameter(description = "Only documents of this team") @RequestParam(required = false) @Nullable UUID team,
            @Parameter(description = "Created at or after (ISO-8601 instant)") @RequestParam(required = false) @Nullable
                    Instant createdFrom,
            @Parameter(description = "Created before (ISO-8601 instant)") @RequestParam(required = false) @Nullable
                    Instant createdTo,
            @RequestParam(defaultValue = "1") @Min(1) @Max(PageQuery.MAX_PAGE) int page,
            @RequestParam(defaultValue = "" + PageQuery.DEFAULT_LIMIT) @Min(1) @Max(PageQuery.MAX_LIMIT) int limit) {
        List<SearchIndex> types = type == null
                ? Arrays.asList(SearchIndex.values())
                : SearchIndex.byType(type).stream().toList();
        PageQuery paging = new PageQuery(page, limit, null);
        var criteria = new SearchCriteria(orgId, q, types, team, createdFrom, createdTo, paging);
        SearchResults results = searches.search(UUID.fromString(caller.getSubject()), criteria);
        return ApiResponse.page(results.hits(), paging.meta(results.total()));
    }
}
