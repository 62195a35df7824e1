package dev.tenantcore.core.authorization;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A role of an org: built-in (owner, admin, member, viewer) or custom.
 *
 * @param id the role id
 * @param orgId the org
 * @param name unique in the org: lower case letters, digits, - and _
 * @param description what it is for
 * @param builtIn whether it is one of the fixed roles
 * @param permissions what it allows
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param version grows with every change (the ETag)
 */
public record Role(
        UUID id,
        UUID orgId,
        String name,
        @Nullable String description,
        boolean builtIn,
        List<Permission> permissions,
        Instant createdAt,
        Instant updatedAt,
        long version) {}
