package dev.tenantcore.contracts.events.core;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An organization as of one version: the payload of organization.created, .updated and .deleted
 * ({@code deletedAt} set on deletion).
 */
public record OrganizationSnapshot(
        UUID orgId,
        String name,
        String slug,
        String subscriptionTier,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant deletedAt,
        long version) {}
