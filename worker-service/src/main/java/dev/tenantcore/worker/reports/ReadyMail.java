package dev.tenantcore.worker.reports;

import dev.tenantcore.contracts.jobs.EmailJob;
import dev.tenantcore.contracts.jobs.JobTypes;
import dev.tenantcore.worker.jobs.Job;
import dev.tenantcore.worker.jobs.Jobs;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Tells the requester of a report or an export that it is ready: an {@code email} job ({@code report-ready} or
 * {@code export-ready}, with a link to the file built by the mail feature on the configured frontend URL) to the
 * address in the job's {@code notify} parameter, the e-mail address of the request's access token. A request
 * without one (an API key, a token without an e-mail claim) is not notified. The e-mail job's id is derived
 * from the report's, so a report job redelivered after it was done queues the same e-mail job, sent once.
 */
@Component
class ReadyMail {

    /** The payload parameter with the requester's e-mail address. */
    static final String NOTIFY = "notify";

    /** The template of an export's e-mail (a report's is {@link EmailJob#REPORT_READY}). */
    static final String EXPORT_READY = "export-ready";

    private final Jobs jobs;

    ReadyMail(Jobs jobs) {
        this.jobs = jobs;
    }

    void send(Job job, String template) {
        if (!(job.payload().get(NOTIFY) instanceof String to) || to.isBlank()) {
            return;
        }
        UUID orgId = job.requireOrg();
        UUID id = UUID.nameUUIDFromBytes((template + ":" + job.id()).getBytes(StandardCharsets.UTF_8));
        var email = new EmailJob(
                template,
                to,
                Map.of("orgId", orgId.toString(), "reportId", job.id().toString()));
        jobs.enqueueOnce(id, JobTypes.EMAIL, orgId, job.actorId(), email.toPayload());
    }
}
