package dev.tenantcore.core.audit.web;

import dev.tenantcore.contracts.api.ApiResponse;
import dev.tenantcore.contracts.api.PageQuery;
import dev.tenantcore.core.audit.AuditLog;
import dev.tenantcore.core.web.Caller;
import dev.tenantcore.core.web.Paging;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/orgs/{orgId}/audit-log")
class AuditLogController {

    private final AuditLog auditLog;

    AuditLogController(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    /** Newest first; filter by actor, action, resource and time range. */
    @GetMapping
    ApiResponse<List<AuditLog.Entry>> list(
            @Parameter(hidden = true) Caller.User caller,
            @PathVariable UUID orgId,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "" + PageQuery.DEFAULT_LIMIT) int limit,
            @RequestParam(required = false) @Nullable UUID actorId,
            @RequestParam(required = false) @Nullable @Size(max = 100) String action,
            @RequestParam(required = false) @Nullable @Size(max = 100) String resourceType,
            @RequestParam(required = false) @Nullable @Size(max = 100) String resourceId,
            @RequestParam(required = false) @Nullable Instant from,
            @RequestParam(required = false) @Nullable Instant to) {
        return auditLog.list(
                        caller.userId(),
                        orgId,
                        Paging.page(page, limit, null),
                        new AuditLog.Filter(actorId, action, resourceType, resourceId, from, to))
                .response();
    }

    /** Verifies the org's hash chain and reports the first broken link. */
    @GetMapping("/verify")
    ApiResponse<AuditLog.Verification> verify(@Parameter(hidden = true) Caller.User caller, @PathVariable UUID orgId) {
        return ApiResponse.of(auditLog.verify(caller.userId(), orgId));
    }
}
