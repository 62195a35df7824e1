package dev.tenantcore.worker.reports;

import dev.tenantcore.contracts.jobs.EmailJob;
import dev.tenantcore.contracts.jobs.JobTypes;
import dev.tenantcore.worker.access.CoreApi;
import dev.tenantcore.worker.access.CoreRefused;
import dev.tenantcore.worker.config.WorkerProperties;
import dev.tenantcore.worker.jobs.Job;
import dev.tenantcore.worker.jobs.JobCommit;
import dev.tenantcore.worker.jobs.JobHandler;
import dev.tenantcore.worker.jobs.JobRejected;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Generates an org's activity report: its audit log between {@code from} and {@code to} (payload, ISO
 * instants) as CSV, fetched from core before the transaction and stored in it.
 */
@Component
class ReportJobHandler implements JobHandler {

    private final CoreApi core;
    private final ReportStore store;
    private final WorkerProperties properties;
    private final ReadyMail readyMail;

    ReportJobHandler(CoreApi core, ReportStore store, WorkerProperties properties, ReadyMail readyMail) {
        this.core = core;
        this.store = store;
        this.properties = properties;
        this.readyMail = readyMail;
    }

    @Override
    public String type() {
        return JobTypes.REPORT;
    }

    /** E-mails the requester a link to the file (once, however often the job is delivered). */
    @Override
    public void afterDone(Job job) {
        readyMail.send(job, EmailJob.REPORT_READY);
    }

    @Override
    public void handle(Job job, JobCommit commit) {
        UUID orgId = job.requireOrg();
        Instant from = instant(job, "from");
        Instant to = instant(job, "to");
        byte[] csv;
        try {
            csv = ActivityCsv.of(core.auditLog(orgId, from, to));
        } catch (CoreRefused e) {
            throw JobRejected.because("the organization's audit log cannot be read");
        }
        var report = new StoredReport(
                job.id(),
                orgId,
                StoredReport.ACTIVITY_REPORT,
                "text/csv; charset=utf-8",
                "activity-report-" + from.toString().substring(0, 10) + "-"
                        + to.toString().substring(0, 10) + ".csv",
                csv,
                Instant.now().plus(properties.retention().reports()));
        commit.inTransaction(() -> store.save(report));
    }

    private static Instant instant(Job job, String name) {
        try {
            return Instant.parse(String.valueOf(job.payload().get(name)));
        } catch (DateTimeParseException e) {
            throw JobRejected.because("the report needs " + name + " as an ISO instant");
        }
    }
}
