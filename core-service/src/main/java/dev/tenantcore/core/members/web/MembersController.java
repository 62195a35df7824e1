package dev.tenantcore.core.members.web;

import dev.tenantcore.contracts.api.ApiResponse;
import dev.tenantcore.contracts.api.PageQuery;
import dev.tenantcore.core.members.Member;
import dev.tenantcore.core.members.Members;
import dev.tenantcore.core.web.Caller;
import dev.tenantcore.core.web.Paging;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/orgs/{orgId}/members")
class MembersController {

    private final Members members;

    MembersController(Members members) {
        this.members = members;
    }

    /** Members, filtered by parts of name or e-mail and by role; sort by email, name or joinedAt. */
    @GetMapping
    ApiResponse<List<Member>> list(
            @Parameter(hidden = true) Caller.User caller,
            @PathVariable UUID orgId,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "" + PageQuery.DEFAULT_LIMIT) int limit,
            @RequestParam(required = false) @Nullable String sort,
            @RequestParam(required = false) @Nullable @Size(max = 200) String name,
            @RequestParam(required = false) @Nullable @Size(max = 320) String email,
            @RequestParam(required = false) @Nullable @Size(max = 50) String role) {
        return members.list(caller.userId(), orgId, Paging.page(page, limit, sort), name, email, role)
                .response();
    }

    @GetMapping("/{userId}")
    ApiResponse<Member> get(
            @Parameter(hidden = true) Caller.User caller, @PathVariable UUID orgId, @PathVariable UUID userId) {
        return ApiResponse.of(members.get(caller.userId(), orgId, userId));
    }

    @PatchMapping("/{userId}")
    ApiResponse<Member> changeRole(
            @Parameter(hidden = true) Caller.User caller,
            @PathVariable UUID orgId,
            @PathVariable UUID userId,
            @Valid @RequestBody RoleChange change) {
        return ApiResponse.of(members.changeRole(caller.userId(), orgId, userId, change.role()));
    }

    @DeleteMapping("/{userId}")
    ResponseEntity<Void> remove(
            @Parameter(hidden = true) Caller.User caller, @PathVariable UUID orgId, @PathVariable UUID userId) {
        members.remove(caller.userId(), orgId, userId);
        return ResponseEntity.noContent().build();
    }

    /** The caller leaves the org (not the last owner). */
    @DeleteMapping("/me")
    ResponseEntity<Void> leave(@Parameter(hidden = true) Caller.User caller, @PathVariable UUID orgId) {
        members.leave(caller.userId(), orgId);
        return ResponseEntity.noContent().build();
    }

    /** @param role the name of a built-in or custom role of the org */
    record RoleChange(
            @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,49}")
            String role) {}
}
