package dev.tenantcore.core.members;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A member of an org.
 *
 * @param userId the user
 * @param email the user's e-mail
 * @param displayName the user's name, if set
 * @param role the org role's name
 * @param joinedAt when they joined
 */
public record Member(UUID userId, String email, @Nullable String displayName, String role, Instant joinedAt) {}
