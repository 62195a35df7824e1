package dev.tenantcore.core.authorization.web;

import dev.tenantcore.contracts.api.ApiResponse;
import dev.tenantcore.contracts.api.PageQuery;
import dev.tenantcore.core.authorization.Role;
import dev.tenantcore.core.authorization.RoleRequest;
import dev.tenantcore.core.authorization.Roles;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/orgs/{orgId}/roles")
class RolesController {

    private final Roles roles;

    RolesController(Roles roles) {
        this.roles = roles;
    }

    @GetMapping
    ApiResponse<List<Role>> list(
            @Parameter(hidden = true) Caller.User caller,
            @PathVariable UUID orgId,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "" + PageQuery.DEFAULT_LIMIT) int limit,
            @RequestParam(required = false) @Nullable String sort) {
        return roles.list(caller.userId(), orgId, Paging.page(page, limit, sort))
                .response();
    }

    @PostMapping
    ResponseEntity<ApiResponse<Role>> create(
            @Parameter(hidden = true) Caller.User caller,
            @PathVariable UUID orgId,
            @Valid @RequestBody RoleRequest request) {
        Role role = roles.create(caller.userId(), orgId, request);
        return ResponseEntity.status(HttpStatus.CREATED)
                .eTag(ETags.of(role.version()))
                .body(ApiResponse.of(role));
    }

    @GetMapping("/{roleId}")
    ResponseEntity<ApiResponse<Role>> get(
            @Parameter(hidden = true) Caller.User caller,
            @PathVariable UUID orgId,
            @PathVariable UUID roleId,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) @Nullable String ifNoneMatch) {
        Role role = roles.get(caller.userId(), orgId, roleId);
        return ETags.ok(ApiResponse.of(role), role.version(), ifNoneMatch);
    }

    /** Replaces a custom role's name, description and permissions. */
    @PutMapping("/{roleId}")
    ResponseEntity<ApiResponse<Role>> update(
            @Parameter(hidden = true) Caller.User caller,
            @PathVariable UUID orgId,
            @PathVariable UUID roleId,
            @Valid @RequestBody RoleRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        Role role = roles.update(caller.userId(), orgId, roleId, request, ETags.expectedVersion(ifMatch));
        return ResponseEntity.ok().eTag(ETags.of(role.version())).body(ApiResponse.of(role));
    }

    @DeleteMapping("/{roleId}")
    ResponseEntity<Void> delete(
            @Parameter(hidden = true) Caller.User caller, @PathVariable UUID orgId, @PathVariable UUID roleId) {
        roles.delete(caller.userId(), orgId, roleId);
        return ResponseEntity.noContent().build();
    }
}
