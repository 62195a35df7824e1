package dev.tenantcore.core.authorization;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A role bound to a user at a scope; the members of a team or project are its assignments.
 *
 * @param id the assignment id
 * @param userId the user
 * @param email the user's e-mail
 * @param displayName the user's name, if set
 * @param roleId the role
 * @param role the role's name
 * @param scopeType org, team or project
 * @param scopeId the org, team or project id
 * @param createdAt when it was made
 */
public record RoleAssignment(
        UUID id,
        UUID userId,
        String email,
        @Nullable String displayName,
        UUID roleId,
        String role,
        String scopeType,
        UUID scopeId,
        Instant createdAt) {}
