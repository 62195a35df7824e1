package dev.tenantcore.worker.access;

import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the worker reads from core-service, through core's internal API ({@code X-Internal-Token}). Every
 * method throws {@link CoreUnavailable} when core cannot answer.
 */
public interface CoreApi {

    /** {@code POST /internal/authz/check}: whether the user may do the action on the resource type in the org. */
    boolean allows(UUID userId, UUID orgId, String action, String resource);

    /**
     * {@code GET /internal/orgs/{orgId}/audit-log?from=&to=&page=&limit=}: the org's audit entries with
     * {@code from <= createdAt < to}, oldest first, all pages.
     */
    List<AuditEntry> auditLog(UUID orgId, Instant from, Instant to);

    /**
     * {@code GET /internal/orgs/{orgId}/export}: the org's data as JSON lines ({@code application/x-ndjson}),
     * copied to {@code out}.
     */
    void export(UUID orgId, OutputStream out);

    /**
     * {@code POST /internal/cache/warm?limit=}: core loads the caches of its {@code limit} most active
     * organizations (and their members' profiles).
     */
    CacheWarmed warmCaches(int limit);
}
