package dev.tenantcore.core.projects.web;

import dev.tenantcore.contracts.api.ApiResponse;
import dev.tenantcore.contracts.api.PageQuery;
import dev.tenantcore.core.projects.Project;
import dev.tenantcore.core.projects.Projects;
import dev.tenantcore.core.web.Caller;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Beta: projects with cursor pagination (ordered by creation), stable under concurrent inserts. */
@RestController
@RequestMapping("/api/v2/orgs/{orgId}/projects")
class ProjectsV2Controller {

    private final Projects projects;

    ProjectsV2Controller(Projects projects) {
        this.projects = projects;
    }

    @GetMapping
    ApiResponse<Projects.Slice<Project>> list(
            @Parameter(hidden = true) Caller caller,
            @PathVariable UUID orgId,
            @RequestParam(required = false) @Nullable @Size(max = 200) String cursor,
            @RequestParam(defaultValue = "" + PageQuery.DEFAULT_LIMIT) @Min(1) @Max(PageQuery.MAX_LIMIT) int limit,
            @RequestParam(required = false) @Nullable @Size(max = 200) String name,
            @RequestParam(required = false) @Nullable UUID teamId,
            @RequestParam(required = false) @Nullable Instant createdFrom,
            @RequestParam(required = false) @Nullable Instant createdTo) {
        return ApiResponse.of(projects.slice(
                caller, orgId, cursor, limit, new Projects.Filter(name, teamId, createdFrom, createdTo)));
    }
}
