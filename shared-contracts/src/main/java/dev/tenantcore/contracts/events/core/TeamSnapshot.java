package dev.tenantcore.contracts.events.core;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A team as of one version: the payload of team.created, .updated and .deleted ({@code deleted = true}). */
public record TeamSnapshot(
        UUID teamId,
        UUID orgId,
        String name,
        @Nullable String description,
        UUID createdBy,
        Instant createdAt,
        Instant updatedAt,
        long version,
        boolean deleted) {}
