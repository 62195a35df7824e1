package dev.tenantcore.worker.jobs;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A job as a handler sees it.
 *
 * @param id the job id ({@code metadata.id}); the unit of idempotency
 * @param type the job type, e.g. {@code email}
 * @param orgId the tenant, null for jobs outside any organization (e.g. sign-up e-mail)
 * @param actorId who asked for it, null for the system
 * @param occurredAt when the producer committed it
 * @param payload the job's parameters
 */
public record Job(
        UUID id,
        String type,
        @Nullable UUID orgId,
        @Nullable UUID actorId,
        Instant occurredAt,
        Map<String, Object> payload) {

    /** The job's organization; a job of a type that needs one and lacks it can never succeed. */
    public UUID requireOrg() {
        if (orgId == null) {
            throw JobRejected.because("a " + type + " job needs an organization");
        }
        return orgId;
    }
}
