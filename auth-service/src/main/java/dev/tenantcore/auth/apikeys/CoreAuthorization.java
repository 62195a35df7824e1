package dev.tenantcore.auth.apikeys;

import java.util.Map;
import java.util.UUID;

/** core-service decides authorization; auth asks it before managing an organization's keys. */
public interface CoreAuthorization {

    /** Whether the user may do the action on the resource in the org (core's RBAC with conditions). */
    boolean isAllowed(UUID userId, UUID orgId, String action, String resource, Map<String, Object> attributes);
}
