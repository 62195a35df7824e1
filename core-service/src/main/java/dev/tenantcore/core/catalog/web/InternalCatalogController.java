package dev.tenantcore.core.catalog.web;

import dev.tenantcore.contracts.api.ApiResponse;
import dev.tenantcore.contracts.events.core.OrganizationSnapshot;
import dev.tenantcore.contracts.events.core.ProjectSnapshot;
import dev.tenantcore.contracts.events.core.TeamSnapshot;
import dev.tenantcore.core.catalog.Catalog;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every org's live organizations, teams and projects as event snapshots, for search-service's reindex and
 * consistency check: {@code ?after=<id>&limit=<1..1000>} → {@code {data: [snapshot...]}} ordered by id; an
 * empty list ends the listing. Reached only with the service credential ({@code X-Internal-Token}); never
 * routed by the gateway.
 */
@RestController
@RequestMapping("/internal")
class InternalCatalogController {

    static final int DEFAULT_LIMIT = 100;

    private final Catalog catalog;

    InternalCatalogController(Catalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/organizations")
    ApiResponse<List<OrganizationSnapshot>> organizations(
            @RequestParam(required = false) @Nullable UUID after,
            @RequestParam(defaultValue = "" + DEFAULT_LIMIT) @Min(1) @Max(Catalog.MAX_LIMIT) int limit) {
        return ApiResponse.of(catalog.organizations(after, limit));
    }

    @GetMapping("/teams")
    ApiResponse<List<TeamSnapshot>> teams(
            @RequestParam(required = false) @Nullable UUID after,
            @RequestParam(defaultValue = "" + DEFAULT_LIMIT) @Min(1) @Max(Catalog.MAX_LIMIT) int limit) {
        return ApiResponse.of(catalog.teams(after, limit));
    }

    @GetMapping("/projects")
    ApiResponse<List<ProjectSnapshot>> projects(
            @RequestParam(required = false) @Nullable UUID after,
            @RequestParam(defaultValue = "" + DEFAULT_LIMIT) @Min(1) @Max(Catalog.MAX_LIMIT) int limit) {
        return ApiResponse.of(catalog.projects(after, limit));
    }
}
