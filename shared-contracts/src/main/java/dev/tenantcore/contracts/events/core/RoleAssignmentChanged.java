package dev.tenantcore.contracts.events.core;

import java.util.UUID;

/**
 * A role bound to (assignment.created) or removed from (assignment.deleted) a user at a scope:
 * {@code scopeType} is org, team or project and {@code scopeId} its id. Published on core.memberships.
 */
public record RoleAssignmentChanged(
        UUID assignmentId, UUID orgId, UUID userId, UUID roleId, String role, String scopeType, UUID scopeId) {}
