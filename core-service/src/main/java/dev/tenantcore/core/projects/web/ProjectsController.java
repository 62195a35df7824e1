package dev.tenantcore.core.projects.web;

import dev.tenantcore.contracts.api.ApiResponse;
import dev.tenantcore.contracts.api.PageQuery;
import dev.tenantcore.core.authorization.RoleAssignment;
import dev.tenantcore.core.projects.Project;
import dev.tenantcore.core.projects.ProjectRequest;
import dev.tenantcore.core.projects.Projects;
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
@RequestMapping("/api/v1/orgs/{orgId}/projects")
class ProjectsController {

    private final Projects projects;

    ProjectsController(Projects projects) {
        this.projects = projects;
    }

    /** Projects the caller may read; filter by name part, team and creation range; sort by name, createdAt, updatedAt. */
    @GetMapping
    ApiResponse<List<Project>> list(
            @Parameter(hidden = true) Caller caller,
            @PathVariable UUID orgId,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "" + PageQuery.DEFAULT_LIMIT) int limit,
            @RequestParam(required = false) @Nullable String sort,
            @RequestParam(required = false) @Nullable @Size(max = 200) String name,
            @RequestParam(required = false) @Nullable Instant createdFrom,
            @RequestParam(required = false) @Nullable Instant createdTo,
            @RequestParam(required = false) @Nullable UUID teamId) {
        return projects.list(
                        caller,
                        orgId,
                        Paging.page(page, limit, sort),
                        new Projects.Filter(name, teamId, createdFrom, createdTo))
                .response();
    }

    @PostMapping
    ResponseEntity<ApiResponse<Project>> create(
            @Parameter(hidden = true) Caller caller,
            @PathVariable UUID orgId,
            @Valid @RequestBody ProjectRequest request) {
        Project project = projects.create(caller, orgId, request);
        return ResponseEntity.status(HttpStatus.CREATED)
                .eTag(ETags.of(project.version()))
                .body(ApiResponse.of(project));
    }

    @GetMapping("/{projectId}")
    ResponseEntity<ApiResponse<Project>> get(
            @Parameter(hidden = true) Caller caller,
            @PathVariable UUID orgId,
            @PathVariable UUID projectId,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) @Nullable String ifNoneMatch) {
        Project project = projects.get(caller, orgId, projectId);
        return ETags.ok(ApiResponse.of(project), project.version(), ifNoneMatch);
    }

    @PatchMapping("/{projectId}")
    ResponseEntity<ApiResponse<Project>> update(
            @Parameter(hidden = true) Caller caller,
            @PathVariable UUID orgId,
            @PathVariable UUID projectId,
            @Valid @RequestBody ProjectRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        Project project = projects.update(caller, orgId, projectId, request, ETags.expectedVersion(ifMatch));
        return ResponseEntity.ok().eTag(ETags.of(project.version())).body(ApiResponse.of(project));
    }

    @DeleteMapping("/{projectId}")
    ResponseEntity<Void> delete(
            @Parameter(hidden = true) Caller caller, @PathVariable UUID orgId, @PathVariable UUID projectId) {
        projects.delete(caller, orgId, projectId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{projectId}/members")
    ApiResponse<List<RoleAssignment>> members(
            @Parameter(hidden = true) Caller.User caller,
            @PathVariable UUID orgId,
            @PathVariable UUID projectId,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "" + PageQuery.DEFAULT_LIMIT) int limit) {
        return projects.members(caller, orgId, projectId, Paging.page(page, limit, null))
                .response();
    }

    /** Adds an org member to the project with a project-scoped role, or changes their role there. */
    @PutMapping("/{projectId}/members/{userId}")
    ApiResponse<RoleAssignment> putMember(
            @Parameter(hidden = true) Caller.User caller,
            @PathVariable UUID orgId,
            @PathVariable UUID projectId,
            @PathVariable UUID userId,
            @Valid @RequestBody RoleBody body) {
        return ApiResponse.of(projects.putMember(caller, orgId, projectId, userId, body.role()));
    }

    @DeleteMapping("/{projectId}/members/{userId}")
    ResponseEntity<Void> removeMember(
            @Parameter(hidden = true) Caller.User caller,
            @PathVariable UUID orgId,
            @PathVariable UUID projectId,
            @PathVariable UUID userId) {
        projects.removeMember(caller, orgId, projectId, userId);
        return ResponseEntity.noContent().build();
    }
}
