package dev.tenantcore.contracts.events.core;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A user joined an org, changed org role or left it: the payload of member.added, member.role_changed and
 * member.removed ({@code role} null on removal).
 */
public record MembershipChanged(
        UUID orgId,
        UUID userId,
        @Nullable String email,
        @Nullable String role) {}
