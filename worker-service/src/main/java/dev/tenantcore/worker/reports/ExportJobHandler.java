package dev.tenantcore.worker.reports;

import dev.tenantcore.contracts.jobs.JobTypes;
import dev.tenantcore.worker.access.CoreApi;
import dev.tenantcore.worker.access.CoreRefused;
import dev.tenantcore.worker.config.WorkerProperties;
import dev.tenantcore.worker.jobs.Job;
import dev.tenantcore.worker.jobs.JobCommit;
import dev.tenantcore.worker.jobs.JobHandler;
import dev.tenantcore.worker.jobs.JobRejected;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Generates an org's full data export (data portability) as JSON lines, as core serves it. Held in memory, then
 * stored by the configured {@link ReportStore} (large exports want the S3-compatible one).
 */
@Component
class ExportJobHandler implements JobHandler {

    private final CoreApi core;
    private final ReportStore store;
    private final WorkerProperties properties;
    private final ReadyMail readyMail;

    ExportJobHandler(CoreApi core, ReportStore store, WorkerProperties properties, ReadyMail readyMail) {
        this.core = core;
        this.store = store;
        this.properties = properties;
        this.readyMail = readyMail;
    }

    @Override
    public String type() {
        return JobTypes.EXPORT;
    }

    /** E-mails the requester a link to the file (once, however often the job is delivered). */
    @Override
    public void afterDone(Job job) {
        readyMail.send(job, ReadyMail.EXPORT_READY);
    }

    @Override
    public void handle(Job job, JobCommit commit) {
        UUID orgId = job.requireOrg();
        var lines = new ByteArrayOutputStream();
        try {
            core.export(orgId, lines);
        } catch (CoreRefused e) {
            throw JobRejected.because("the organization's data cannot be exported");
        }
        var export = new StoredReport(
                job.id(),
                orgId,
                StoredReport.EXPORT,
                "application/x-ndjson",
                "export-" + orgId + ".jsonl",
                lines.toByteArray(),
                Instant.now().plus(properties.retention().reports()));
        commit.inTransaction(() -> store.save(export));
    }
}
