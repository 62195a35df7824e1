package dev.tenantcore.auth.apikeys;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An organization API key as listed (never its secret).
 *
 * @param prefix the public part of the secret that identifies it
 */
public record ApiKey(
        UUID id,
        UUID orgId,
        String name,
        String prefix,
        List<Permission> scopes,
        UUID createdBy,
        Instant createdAt,
        @Nullable Instant lastUsedAt,
        @Nullable Instant expiresAt,
        @Nullable Instant revokedAt) {

    /** A permission the key acts with, as in core's RBAC. */
    public record Permission(String action, String resource) {}

    /** A key with its secret, answered once at creation or rotation. */
    public record WithSecret(ApiKey key, String secret) {}

    /** What the gateway learns about a valid key. */
    public record Verified(
            UUID keyId,
            UUID orgId,
            List<Permission> scopes,
            UUID createdBy,
            @Nullable Instant expiresAt) {}
}
