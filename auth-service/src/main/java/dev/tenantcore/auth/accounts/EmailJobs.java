package dev.tenantcore.auth.accounts;

import dev.tenantcore.contracts.events.EventMetadata;
import dev.tenantcore.contracts.jobs.EmailJob;
import dev.tenantcore.contracts.jobs.JobRequest;
import dev.tenantcore.contracts.jobs.JobTypes;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Asks the worker to send an e-mail: a {@link JobRequest} on {@code jobs.email} whose payload is the shared
 * {@link EmailJob} contract (template, to, params with the token), through the outbox so that it leaves only if the
 * transaction that created the token commits. The worker renders the template and builds the link from its own
 * frontend URL. The user is the job's actor, so the record is keyed by user id.
 */
@Component
class EmailJobs {

    private final ApplicationEventPublisher publisher;

    EmailJobs(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    /**
     * @param template one of {@link EmailJob#SIGNUP_CONFIRMATION}, {@link EmailJob#RECOVERY},
     *     {@link EmailJob#EMAIL_CHANGE}
     */
    void send(String template, String to, UUID userId, String token) {
        var job = new EmailJob(template, to, Map.of("token", token));
        publisher.publishEvent(new JobRequest(EventMetadata.now(JobTypes.EMAIL, null, userId), job.toPayload()));
    }
}
