package dev.tenantcore.contracts.events.core;

import java.time.Instant;
import java.util.UUID;

/** An invitation created, resent, revoked or accepted; {@code status} is pending, accepted or revoked. */
public record InvitationChanged(
        UUID invitationId, UUID orgId, String email, String role, String status, Instant expiresAt) {}
