package dev.tenantcore.core.authorization;

import dev.tenantcore.contracts.api.ErrorCode;
import dev.tenantcore.support.web.ApiException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one place that decides what a user may do in an org. Every feature asks it before reading or
 * writing; non-members learn nothing (the org answers 404), members without the permission get 403.
 */
@Component
public class Authorization {

    private final AccessProfiles profiles;

    Authorization(AccessProfiles profiles) {
        this.profiles = profiles;
    }

    public AccessProfile profile(UUID userId, UUID orgId) {
        return profiles.load(orgId, userId);
    }

    public boolean allows(UUID userId, UUID orgId, String action, String resource, Map<String, ?> attributes) {
        return profile(userId, orgId).allows(userId, action, resource, attributes);
    }

    /** Membership, or 404 for the org so that its existence is not revealed. */
    public AccessProfile requireMember(UUID userId, UUID orgId) {
        AccessProfile profile = profile(userId, orgId);
        if (!profile.member()) {
            throw OrganizationNotFound.of(orgId);
        }
        return profile;
    }

    /** The permission, or 404 for non-members and 403 for members without it. */
    public AccessProfile require(UUID userId, UUID orgId, String action, String resource, Map<String, ?> attributes) {
        AccessProfile profile = requireMember(userId, orgId);
        if (!profile.allows(userId, action, resource, attributes)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Your role does not allow " + action + " on " + resource);
        }
        return profile;
    }

    public AccessProfile require(UUID userId, UUID orgId, String action, String resource) {
        return require(userId, orgId, action, resource, Map.of());
    }

    /** Whether the caller may hand out a role with these permissions: only what they hold themselves. */
    public void requireHoldsAll(UUID userId, UUID orgId, List<Permission> permissions) {
        if (!requireMember(userId, orgId).holdsAll(permissions)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "You cannot grant permissions you do not hold yourself");
        }
    }

    /** What the user may read in the org, for list and search filtering. */
    public Grants grants(UUID userId, UUID orgId) {
        AccessProfile profile = profile(userId, orgId);
        if (!profile.member()) {
            return new Grants(userId, orgId, false, List.of(), Set.of(), Set.of(), false);
        }
        Set<String> orgWide = new HashSet<>();
        Set<UUID> teams = new HashSet<>();
        Set<UUID> projects = new HashSet<>();
        boolean own = false;
        for (var role : profile.roles()) {
            for (Permission p : role.permissions()) {
                if (!p.action().equals("read") && !p.action().equals("*")) {
                    continue;
                }
                boolean projectsToo = p.resource().equals("*") || p.resource().equals("projects");
                boolean unconditional = p.conditions().isEmpty();
                switch (role.scopeType()) {
                    case "org" -> {
                        if (unconditional) {
                            orgWide.addAll(p.resource().equals("*") ? BuiltInRoles.RESOURCES : List.of(p.resource()));
                        } else if (projectsToo && p.conditions().equals(Map.of("createdBy", Permission.USER))) {
                            own = true;
                        }
                    }
                    case "team" -> {
                        if (unconditional && (projectsToo || p.resource().equals("teams"))) {
                            teams.add(role.scopeId());
                        }
                    }
                    case "project" -> {
                        if (unconditional && projectsToo) {
                            projects.add(role.scopeId());
                        }
                    }
                    default -> {}
                }
            }
        }
        List<String> readable = new ArrayList<>(orgWide);
        readable.sort(null);
        return new Grants(userId, orgId, true, List.copyOf(readable), Set.copyOf(teams), Set.copyOf(projects), own);
    }

    /**
     * Drops cached decisions of the org once the current transaction commits (at once without one). Call it
     * with every change of memberships, roles or assignments.
     */
    public void invalidateAfterCommit(UUID orgId) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    profiles.invalidate(orgId);
                }
            });
        } else {
            profiles.invalidate(orgId);
        }
    }
}
