package dev.tenantcore.worker.jobs.web;

import dev.tenantcore.contracts.api.ApiResponse;
import dev.tenantcore.support.web.ApiException;
import dev.tenantcore.worker.jobs.Jobs;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' commands (service credential only, never routed by the gateway): re-drive a dead job from its
 * dead-letter topic, after fixing what made it fail. A job is named with its org, and the command sees only
 * that org's jobs (row-level security); jobs without an org (e.g. sign-up e-mails) have their own path.
 */
@RestController
class InternalJobController {

    private final Jobs jobs;

    InternalJobController(Jobs jobs) {
        this.jobs = jobs;
    }

    /** Re-drives a dead job of the org. */
    @PostMapping("/internal/orgs/{orgId}/jobs/{jobId}/redrive")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ApiResponse<Map<String, Object>> redrive(@PathVariable UUID orgId, @PathVariable UUID jobId) throws Exception {
        return redriven(orgId, jobId);
    }

    /** Re-drives a dead job that belongs to no org. */
    @PostMapping("/internal/jobs/{jobId}/redrive")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ApiResponse<Map<String, Object>> redriveWithoutOrg(@PathVariable UUID jobId) throws Exception {
        return redriven(null, jobId);
    }

    private ApiResponse<Map<String, Object>> redriven(@Nullable UUID orgId, UUID jobId) throws Exception {
        if (!jobs.redrive(orgId, jobId)) {
            throw ApiException.conflict("Only a dead job can be re-driven");
        }
        return ApiResponse.of(Map.of("id", jobId, "status", "queued"));
    }
}
