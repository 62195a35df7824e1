package dev.tenantcore.worker.access;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One entry of an org's audit log, as core's internal API returns it.
 *
 * @param id the entry id
 * @param seq its position in the org's chain
 * @param createdAt when it happened
 * @param actorId the user or API key, null for the system
 * @param action what was done, e.g. {@code project.created}
 * @param resourceType the type of the resource acted on
 * @param resourceId its id
 * @param ip the caller's address
 * @param requestId the request that did it
 */
public record AuditEntry(
        UUID id,
        long seq,
        Instant createdAt,
        @Nullable UUID actorId,
        String action,
        String resourceType,
        @Nullable String resourceId,
        @Nullable String ip,
        @Nullable String requestId) {}
