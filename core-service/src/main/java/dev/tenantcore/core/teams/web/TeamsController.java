package dev.tenantcore.core.teams.web;

import dev.tenantcore.contracts.api.ApiResponse;
import dev.tenantcore.contracts.api.PageQuery;
import dev.tenantcore.core.authorization.RoleAssignment;
import dev.tenantcore.core.teams.Team;
import dev.tenantcore.core.teams.TeamRequest;
import dev.tenantcore.core.teams.Teams;
import dev.tenantcore.core.web.Caller;
import dev.tenantcore.core.web.ETags;
import dev.tenantcore.core.web.Paging;
import dev.tenantcore.core.web.RoleBody;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.Instant;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/orgs/{orgId}/teams")
class TeamsController {

    private final Teams teams;

    TeamsController(Teams teams) {
        this.teams = teams;
    }

    /** Teams the caller may read; filter by name part and creation range; sort by name, createdAt, updatedAt. */
    @GetMapping
    ApiResponse<List<Team>> list(
            @Parameter(hidden = true) Caller caller,
            @PathVariable UUID orgId,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "" + PageQuery.DEFAULT_LIMIT) int limit,
            @RequestParam(required = false) @Nullable String sort,
            @RequestParam(required = false) @Nullable @Size(max = 200) String name,
            @RequestParam(required = false) @Nullable Instant createdFrom,
            @RequestParam(required = false) @Nullable Instant createdTo) {
        return teams.list(caller, orgId, Paging.page(page, limit, sort), name, createdFrom, createdTo)
                .response();
    }

    @PostMapping
    ResponseEntity<ApiResponse<Team>> create(
            @Parameter(hidden = true) Caller caller,
            @PathVariable UUID orgId,
            @Valid @RequestBody TeamRequest request) {
        Team team = teams.create(caller, orgId, request);
        return ResponseEntity.status(HttpStatus.CREATED)
                .eTag(ETags.of(team.version()))
                .body(ApiResponse.of(team));
    }

    @GetMapping("/{teamId}")
    ResponseEntity<ApiResponse<Team>> get(
            @Parameter(hidden = true) Caller caller,
            @PathVariable UUID orgId,
            @PathVariable UUID teamId,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) @Nullable String ifNoneMatch) {
        Team team = teams.get(caller, orgId, teamId);
        return ETags.ok(ApiResponse.of(team), team.version(), ifNoneMatch);
    }

    @PatchMapping("/{teamId}")
    ResponseEntity<ApiResponse<Team>> update(
            @Parameter(hidden = true) Caller caller,
            @PathVariable UUID orgId,
            @PathVariable UUID teamId,
            @Valid @RequestBody TeamRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        Team team = teams.update(caller, orgId, teamId, request, ETags.expectedVersion(ifMatch));
        return ResponseEntity.ok().eTag(ETags.of(team.version())).body(ApiResponse.of(team));
    }

    @DeleteMapping("/{teamId}")
    ResponseEntity<Void> delete(
            @Parameter(hidden = true) Caller caller, @PathVariable UUID orgId, @PathVariable UUID teamId) {
        teams.delete(caller, orgId, teamId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{teamId}/members")
    ApiResponse<List<RoleAssignment>> members(
            @Parameter(hidden = true) Caller.User caller,
            @PathVariable UUID orgId,
            @PathVariable UUID teamId,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "" + PageQuery.DEFAULT_LIMIT) int limit) {
        return teams.members(caller, orgId, teamId, Paging.page(page, limit, null))
                .response();
    }

    /** Adds an org member to the team with a team-scoped role, or changes their role there. */
    @PutMapping("/{teamId}/members/{userId}")
    ApiResponse<RoleAssignment> putMember(
            @Parameter(hidden = true) Caller.User caller,
            @PathVariable UUID orgId,
            @PathVariable UUID teamId,
            @PathVariable UUID userId,
            @Valid @RequestBody RoleBody body) {
        return ApiResponse.of(teams.putMember(caller, orgId, teamId, userId, body.role()));
    }

    @DeleteMapping("/{teamId}/members/{userId}")
    ResponseEntity<Void> removeMember(
            @Parameter(hidden = true) Caller.User caller,
            @PathVariable UUID orgId,
            @PathVariable UUID teamId,
            @PathVariable UUID userId) {
        teams.removeMember(caller, orgId, teamId, userId);
        return ResponseEntity.noContent().build();
    }
}
