package dev.tenantcore.core.organizations;

import org.jspecify.annotations.Nullable;

/**
 * An org's cache entry: the live org without any caller's role, or none (unknown or deleted).
 *
 * @param organization the org, null when there is no live org with the id
 */
record CachedOrganization(@Nullable Organization organization) {}
