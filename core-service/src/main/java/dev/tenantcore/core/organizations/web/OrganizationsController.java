package dev.tenantcore.core.organizations.web;

import dev.tenantcore.contracts.api.ApiResponse;
import dev.tenantcore.contracts.api.PageQuery;
import dev.tenantcore.core.organizations.Organization;
import dev.tenantcore.core.organizations.OrganizationRequests;
import dev.tenantcore.core.organizations.Organizations;
import dev.tenantcore.core.web.Caller;
import dev.tenantcore.core.web.ETags;
import dev.tenantcore.core.web.Paging;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/orgs")
class OrganizationsController {

    private final Organizations organizations;

    OrganizationsController(Organizations organizations) {
        this.organizations = organizations;
    }

    @PostMapping
    ResponseEntity<ApiResponse<Organization>> create(
            @Parameter(hidden = true) Caller.User caller, @Valid @RequestBody OrganizationRequests.Create request) {
        Organization created = organizations.create(caller, request);
        return ResponseEntity.status(HttpStatus.CREATED)
                .eTag(ETags.of(created.version()))
                .body(ApiResponse.of(created));
    }

    /** The caller's organizations. */
    @GetMapping
    ApiResponse<List<Organization>> listMine(
            @Parameter(hidden = true) Caller.User caller,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "" + PageQuery.DEFAULT_LIMIT) int limit,
            @RequestParam(required = false) @Nullable String sort) {
        return organizations
                .listMine(caller.userId(), Paging.page(page, limit, sort))
                .response();
    }

    @GetMapping("/{orgId}")
    ResponseEntity<ApiResponse<Organization>> get(
            @Parameter(hidden = true) Caller.User caller,
            @PathVariable UUID orgId,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) @Nullable String ifNoneMatch) {
        Organization org = organizations.get(caller.userId(), orgId);
        return ETags.ok(ApiResponse.of(org), org.version(), ifNoneMatch);
    }

    @PatchMapping("/{orgId}")
    ResponseEntity<ApiResponse<Organization>> update(
            @Parameter(hidden = true) Caller.User caller,
            @PathVariable UUID orgId,
            @Valid @RequestBody OrganizationRequests.Update request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        Organization org = organizations.update(caller.userId(), orgId, request, ETags.expectedVersion(ifMatch));
        return ResponseEntity.ok().eTag(ETags.of(org.version())).body(ApiResponse.of(org));
    }

    /** Owner only; soft delete, purged later. */
    @DeleteMapping("/{orgId}")
    ResponseEntity<Void> delete(@Parameter(hidden = true) Caller.User caller, @PathVariable UUID orgId) {
        organizations.delete(caller.userId(), orgId);
        return ResponseEntity.noContent().build();
    }
}
