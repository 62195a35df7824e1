package dev.tenantcore.core.teams;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A team of an org.
 *
 * @param id the team id
 * @param orgId the org
 * @param name unique in the org, 1-200 characters
 * @param description up to 2000 characters
 * @param createdBy the user who created it
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param version grows with every change (the ETag)
 */
public record Team(
        UUID id,
        UUID orgId,
        String name,
        @Nullable String description,
        UUID createdBy,
        Instant createdAt,
        Instant updatedAt,
        long version) {}
