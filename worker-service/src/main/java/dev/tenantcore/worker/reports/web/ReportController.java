package dev.tenantcore.worker.reports.web;

import dev.tenantcore.contracts.api.ApiResponse;
import dev.tenantcore.worker.access.Caller;
import dev.tenantcore.worker.access.OrgAccess;
import dev.tenantcore.worker.reports.ReportFile;
import dev.tenantcore.worker.reports.Reports;
import dev.tenantcore.worker.reports.StoredReport;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Activity reports (CSV) and data exports (JSON lines): requesting one queues a job (202 with its status
 * link); the file is downloadable once the job has succeeded. Authorized by core: create/read on
 * {@code reports} or {@code exports}.
 */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}")
class ReportController {

    private final Reports reports;
    private final OrgAccess access;

    ReportController(Reports reports, OrgAccess access) {
        this.reports = reports;
        this.access = access;
    }

    /**
     * Requests an activity report of the org's audit log over {@code [from, to)} (default: the last 30 days); the
     * caller is e-mailed a link when it is ready, if the access token carries an e-mail address.
     */
    @PostMapping("/reports")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ApiResponse<Accepted> requestReport(
            @PathVariable UUID orgId,
            @Parameter(hidden = true) Caller caller,
            @RequestBody(required = false) @Nullable ReportRequest request) {
        access.require(caller, orgId, "create", "reports");
        UUID id = reports.requestReport(
                orgId,
                caller.userId(),
                caller.email(),
                request == null ? null : request.from(),
                request == null ? null : request.to());
        return ApiResponse.of(Accepted.of(orgId, id, "reports"));
    }

    /** Requests a full export of the org's data; the caller is e-mailed a link when it is ready. */
    @PostMapping("/exports")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ApiResponse<Accepted> requestExport(@PathVariable UUID orgId, @Parameter(hidden = true) Caller caller) {
        access.require(caller, orgId, "create", "exports");
        return ApiResponse.of(
                Accepted.of(orgId, reports.requestExport(orgId, caller.userId(), caller.email()), "exports"));
    }

    /** Downloads a finished report (text/csv). */
    @GetMapping("/reports/{reportId}")
    ResponseEntity<InputStreamResource> report(
            @PathVariable UUID orgId, @PathVariable UUID reportId, @Parameter(hidden = true) Caller caller) {
        access.require(caller, orgId, "read", "reports");
        return file(reports.download(orgId, reportId, StoredReport.ACTIVITY_REPORT));
    }

    /** Downloads a finished export (application/x-ndjson). */
    @GetMapping("/exports/{exportId}")
    ResponseEntity<InputStreamResource> export(
            @PathVariable UUID orgId, @PathVariable UUID exportId, @Parameter(hidden = true) Caller caller) {
        access.require(caller, orgId, "read", "exports");
        return file(reports.download(orgId, exportId, StoredReport.EXPORT));
    }

    /** Streams the file from its store; the stream is closed once written (or when the client goes away). */
    private static ResponseEntity<InputStreamResource> file(ReportFile report) {
        var response = ResponseEntity.ok().contentType(MediaType.parseMediaType(report.contentType()));
        if (report.size() >= 0) {
            response.contentLength(report.size());
        }
        return response.header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(report.filename())
                                .build()
                                .toString())
                .body(new InputStreamResource(report.content()));
    }

    /**
     * @param from the first instant of the period (inclusive)
     * @param to the end of the period (exclusive)
     */
    record ReportRequest(@Nullable Instant from, @Nullable Instant to) {}

    /**
     * @param id the job id, also the id of the file it makes
     * @param status {@code queued}
     * @param statusUrl where the job's status is read
     * @param downloadUrl where the file is downloaded once the job has succeeded
     */
    record Accepted(UUID id, String status, String statusUrl, String downloadUrl) {
        static Accepted of(UUID orgId, UUID id, String collection) {
            String base = "/api/v1/orgs/" + orgId;
            return new Accepted(id, "queued", base + "/jobs/" + id, base + "/" + collection + "/" + id);
        }
    }
}
