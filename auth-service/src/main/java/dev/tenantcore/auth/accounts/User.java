package dev.tenantcore.auth.accounts;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An account as other features and clients see it (never the password hash).
 *
 * @param pendingEmail a new address waiting for its confirmation
 */
public record User(
        UUID id,
        String email,
        @Nullable Instant emailConfirmedAt,
        @Nullable String pendingEmail,
        Map<String, Object> metadata,
        @Nullable Instant lastSignInAt,
        Instant createdAt,
        Instant updatedAt) {}
