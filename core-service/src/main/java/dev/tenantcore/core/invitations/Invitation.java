package dev.tenantcore.core.invitations;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An invitation to join an org with a role.
 *
 * @param id the invitation id
 * @param orgId the org
 * @param email who is invited
 * @param role the role they get on accepting
 * @param status pending, accepted or revoked (a pending one past expiresAt is expired)
 * @param invitedBy the inviting user
 * @param expiresAt 7 days after it was (re)sent
 * @param createdAt when it was created
 * @param acceptedAt when it was accepted
 */
public record Invitation(
        UUID id,
        UUID orgId,
        String email,
        String role,
        String status,
        UUID invitedBy,
        Instant expiresAt,
        Instant createdAt,
        @Nullable Instant acceptedAt) {}
