package dev.tenantcore.contracts.events.core;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A project as of one version: the payload of project.created, .updated and .deleted (on deletion the
 * last state with {@code deleted = true} and the version after the last change).
 */
public record ProjectSnapshot(
        UUID projectId,
        UUID orgId,
        @Nullable UUID teamId,
        String name,
        @Nullable String description,
        UUID createdBy,
        Instant createdAt,
        Instant updatedAt,
        long version,
        boolean deleted) {}
