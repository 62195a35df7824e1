package dev.tenantcore.core.projects;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A project of an org, optionally of one of its teams.
 *
 * @param id the project id
 * @param orgId the org
 * @param teamId the team, if any
 * @param name 1-200 characters
 * @param description up to 2000 characters
 * @param createdBy the user who created it
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param version grows with every change (the ETag, and the external version of search)
 */
public record Project(
        UUID id,
        UUID orgId,
        @Nullable UUID teamId,
        String name,
        @Nullable String description,
        UUID createdBy,
        Instant createdAt,
        Instant updatedAt,
        long version) {}
