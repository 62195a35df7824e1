package dev.tenantcore.worker.jobs.web;

import dev.tenantcore.contracts.api.ApiResponse;
import dev.tenantcore.support.web.ApiException;
import dev.tenantcore.worker.jobs.Jobs;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' commands (service credential only, never routed by the gateway): re-drive a dead job from its
 * dead-letter topic, after fixing what made it fail.
 */
@RestController
class InternalJobController {

    private final Jobs jobs;

    InternalJobController(Jobs jobs) {
        this.jobs = jobs;
    }

    @PostMapping("/internal/jobs/{jobId}/redrive")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ApiResponse<Map<String, Object>> redrive(@PathVariable UUID jobId) throws Exception {
        if (!jobs.redrive(jobId)) {
            throw ApiException.conflict("Only a dead job can be re-driven");
        }
        return ApiResponse.of(Map.of("id", jobId, "status", "queued"));
    }
}
