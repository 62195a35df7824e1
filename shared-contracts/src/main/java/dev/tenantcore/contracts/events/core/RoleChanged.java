package dev.tenantcore.contracts.events.core;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A custom role created, updated or deleted. {@code permissions} are
 * {@code {action, resource, conditions?}} maps as in the API.
 */
public record RoleChanged(UUID roleId, UUID orgId, String name, List<Map<String, Object>> permissions, long version) {}
