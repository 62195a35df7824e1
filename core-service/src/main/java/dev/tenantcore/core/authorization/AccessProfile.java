package dev.tenantcore.core.authorization;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Everything needed to decide for one user in one org: whether they are a member, their org role, and every
 * role they hold at each scope. Cached per org and user.
 *
 * @param member whether the user is a member of the (not deleted) org
 * @param orgRole the name of the membership's role, null for non-members
 * @param roles the roles held, each at its scope (the membership role at scope org among them)
 */
public record AccessProfile(boolean member, @Nullable String orgRole, List<ScopedRole> roles) {

    public static final AccessProfile NONE = new AccessProfile(false, null, List.of());

    /**
     * A role held at a scope.
     *
     * @param scopeType org, team or project
     * @param scopeId the org, team or project id
     * @param role the role's name
     * @param permissions the role's permissions
     */
    public record ScopedRole(String scopeType, UUID scopeId, String role, List<Permission> permissions) {

        /** Whether this role's scope contains the resource described by the attributes. */
        boolean reaches(Map<String, ?> attributes) {
            return switch (scopeType) {
                case "org" -> true;
                case "team" -> scopeId.toString().equals(String.valueOf(attributes.get("teamId")));
                case "project" -> scopeId.toString().equals(String.valueOf(attributes.get("projectId")));
                default -> false;
            };
        }
    }

    /** The decision: some role whose scope reaches the resource allows the action there. */
    public boolean allows(UUID userId, String action, String resource, Map<String, ?> attributes) {
        if (!member) {
            return false;
        }
        for (ScopedRole role : roles) {
            if (!role.reaches(attributes)) {
                continue;
            }
            for (Permission p : role.permissions()) {
                if (p.covers(action, resource) && p.holdsFor(attributes, userId)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the user holds, org-wide and unconditionally, everything the permissions allow. */
    public boolean holdsAll(List<Permission> permissions) {
        return permissions.stream()
                .allMatch(wanted -> roles.stream()
                        .filter(r -> r.scopeType().equals("org"))
                        .flatMap(r -> r.permissions().stream())
                        .anyMatch(held -> held.conditions().isEmpty()
                                && (held.action().equals("*") || held.action().equals(wanted.action()))
                                && (held.resource().equals("*")
                                        || held.resource().equals(wanted.resource()))));
    }
}
