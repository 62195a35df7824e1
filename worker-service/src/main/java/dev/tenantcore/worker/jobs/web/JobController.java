package dev.tenantcore.worker.jobs.web;

import dev.tenantcore.contracts.api.ApiResponse;
import dev.tenantcore.support.web.ApiException;
import dev.tenantcore.worker.access.Caller;
import dev.tenantcore.worker.access.OrgAccess;
import dev.tenantcore.worker.jobs.JobView;
import dev.tenantcore.worker.jobs.Jobs;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A job's status, for members of its org (core decides: read on {@code jobs}). */
@RestController
class JobController {

    private final Jobs jobs;
    private final OrgAccess access;

    JobController(Jobs jobs, OrgAccess access) {
        this.jobs = jobs;
        this.access = access;
    }

    @GetMapping("/api/v1/orgs/{orgId}/jobs/{jobId}")
    ApiResponse<JobView> job(
            @PathVariable UUID orgId, @PathVariable UUID jobId, @Parameter(hidden = true) Caller caller) {
        access.require(caller, orgId, "read", "jobs");
        return ApiResponse.of(jobs.find(orgId, jobId).orElseThrow(() -> ApiException.notFound("Job")));
    }
}
