package dev.tenantcore.core.organizations;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An organization as its members see it.
 *
 * @param id the org id
 * @param name display name
 * @param slug unique URL name
 * @param subscriptionTier free, pro or enterprise
 * @param role the caller's org role
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param version grows with every change (the ETag)
 */
public record Organization(
        UUID id,
        String name,
        String slug,
        String subscriptionTier,
        @Nullable String role,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    /** This org as a caller with the role sees it. */
    public Organization as(@Nullable String role) {
        return new Organization(id, name, slug, subscriptionTier, role, createdAt, updatedAt, version);
    }
}
