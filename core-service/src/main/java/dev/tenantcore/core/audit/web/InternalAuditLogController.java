package dev.tenantcore.core.audit.web;

import dev.tenantcore.contracts.api.ApiResponse;
import dev.tenantcore.contracts.api.ErrorCode;
import dev.tenantcore.contracts.api.PageMeta;
import dev.tenantcore.core.audit.AuditLog;
import dev.tenantcore.support.web.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An org's audit log for worker-service (reports, exports). Reached only with the service credential
 * ({@code X-Internal-Token}); never routed by the gateway.
 */
@RestController
class InternalAuditLogController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    private final AuditLog auditLog;

    InternalAuditLogController(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    /** Entries with {@code from <= createdAt < to} (ISO instants, both optional), oldest first. */
    @GetMapping("/internal/orgs/{orgId}/audit-log")
    ApiResponse<List<AuditLog.ServiceEntry>> list(
            @PathVariable UUID orgId,
            @RequestParam(required = false) @Nullable Instant from,
            @RequestParam(required = false) @Nullable Instant to,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit) {
        if (page < 1 || page > 1_000_000) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "page must be between 1 and 1000000");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "limit must be between 1 and " + MAX_LIMIT);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "from must be before to");
        }
        var result = auditLog.serviceEntries(orgId, from, to, page, limit);
        return ApiResponse.page(result.items(), new PageMeta(page, limit, result.total()));
    }
}
