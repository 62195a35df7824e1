package dev.tenantcore.core.authorization;

import dev.tenantcore.contracts.api.ErrorCode;
import dev.tenantcore.core.web.Caller;
import dev.tenantcore.support.security.ApiKeyCaller;
import dev.tenantcore.support.web.ApiException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The one place that decides what a caller may do in an org. Every feature asks it before reading or
 * writing; non-members learn nothing (the org answers 404), members without the permission get 403.
 *
 * <p>A user is decided by their roles. An API key ({@link Caller.ApiKey}) is decided by its scopes alone: in its
 * own, live org it holds one org-wide grant per scope on the resources keys may reach ({@link #KEY_RESOURCES}),
 * exactly as {@link ApiKeyCaller#permits} allows it, and nothing else; in any other org it is no member.
 */
@Component
public class Authorization {

    /** The resources an API key can be given access to; its scopes on anything else grant nothing here. */
    public static final List<String> KEY_RESOURCES = List.of("projects", "teams");

    /** The name of a key's one role in decisions; no org role can have it (role names have no spaces). */
    private static final String API_KEY_ROLE = "api key";

    private static final List<String> ACTIONS = List.of("create", "read", "update", "delete");

    private final AccessProfiles profiles;

    Authorization(AccessProfiles profiles) {
        this.profiles = profiles;
    }

    public AccessProfile profile(UUID userId, UUID orgId) {
        return profiles.load(orgId, userId);
    }

    public AccessProfile profile(Caller caller, UUID orgId) {
        return switch (caller) {
            case Caller.User user -> profile(user.userId(), orgId);
            case Caller.ApiKey key -> keyProfile(key.key(), orgId);
        };
    }

    public boolean allows(UUID userId, UUID orgId, String action, String resource, Map<String, ?> attributes) {
        return profile(userId, orgId).allows(userId, action, resource, attributes);
    }

    public boolean allows(Caller caller, UUID orgId, String action, String resource, Map<String, ?> attributes) {
        return profile(caller, orgId).allows(caller.actorId(), action, resource, attributes);
    }

    /** Membership, or 404 for the org so that its existence is not revealed. */
    public AccessProfile requireMember(UUID userId, UUID orgId) {
        return member(profile(userId, orgId), orgId);
    }

    /** Membership (for a key: its own, live org), or 404 for the org. */
    public AccessProfile requireMember(Caller caller, UUID orgId) {
        return member(profile(caller, orgId), orgId);
    }

    /** The permission, or 404 for non-members and 403 for members without it. */
    public AccessProfile require(UUID userId, UUID orgId, String action, String resource, Map<String, ?> attributes) {
        return permitted(requireMember(userId, orgId), userId, action, resource, attributes, "Your role");
    }

    public AccessProfile require(UUID userId, UUID orgId, String action, String resource) {
        return require(userId, orgId, action, resource, Map.of());
    }

    /** The permission, or 404 for non-members (and keys of other orgs) and 403 for members without it. */
    public AccessProfile require(Caller caller, UUID orgId, String action, String resource, Map<String, ?> attributes) {
        String who = caller instanceof Caller.ApiKey ? "This API key" : "Your role";
        return permitted(requireMember(caller, orgId), caller.actorId(), action, resource, attributes, who);
    }

    public AccessProfile require(Caller caller, UUID orgId, String action, String resource) {
        return require(caller, orgId, action, resource, Map.of());
    }

    /** Whether the caller may hand out a role with these permissions: only what they hold themselves. */
    public void requireHoldsAll(UUID userId, UUID orgId, List<Permission> permissions) {
        if (!requireMember(userId, orgId).holdsAll(permissions)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "You cannot grant permissions you do not hold yourself");
        }
    }

    /** What the user may read in the org, for list and search filtering. */
    public Grants grants(UUID userId, UUID orgId) {
        return grants(profile(userId, orgId), userId, orgId);
    }

    /** What the caller may read in the org; for a key, the resources its read scopes name. */
    public Grants grants(Caller caller, UUID orgId) {
        return grants(profile(caller, orgId), caller.actorId(), orgId);
    }

    /**
     * What the caller may read for a list of the resource, or 404 for non-members. A user without grants sees
     * an empty list, since narrower grants (teams, projects, own) filter it; a key holds no narrower grant, so
     * one without the read scope is refused with 403.
     */
    public Grants requireListing(Caller caller, UUID orgId, String resource) {
        if (caller instanceof Caller.ApiKey) {
            require(caller, orgId, "read", resource);
        } else {
            requireMember(caller, orgId);
        }
        return grants(caller, orgId);
    }

    private Grants grants(AccessProfile profile, UUID userId, UUID orgId) {
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

    private static AccessProfile member(AccessProfile profile, UUID orgId) {
        if (!profile.member()) {
            throw OrganizationNotFound.of(orgId);
        }
        return profile;
    }

    private static AccessProfile permitted(
            AccessProfile profile,
            UUID actorId,
            String action,
            String resource,
            Map<String, ?> attributes,
            String who) {
        if (!profile.allows(actorId, action, resource, attributes)) {
            throw new ApiException(ErrorCode.FORBIDDEN, who + " does not allow " + action + " on " + resource);
        }
        return profile;
    }

    /**
     * A key's decisions as a profile: one org-wide role holding exactly the permissions {@link
     * ApiKeyCaller#permits} grants on {@link #KEY_RESOURCES}. Not cached: it is computed from the request's
     * assertion, except whether the org is live.
     */
    private AccessProfile keyProfile(ApiKeyCaller key, UUID orgId) {
        if (!key.orgId().equals(orgId) || !profiles.active(orgId)) {
            return AccessProfile.NONE;
        }
        List<Permission> permissions = new ArrayList<>();
        for (String resource : KEY_RESOURCES) {
            for (String action : ACTIONS) {
                if (key.permits(orgId, action, resource)) {
                    permissions.add(Permission.of(action, resource));
                }
            }
        }
        var role = new AccessProfile.ScopedRole("org", orgId, API_KEY_ROLE, List.copyOf(permissions));
        return new AccessProfile(true, null, List.of(role));
    }

    /**
     * Drops cached decisions of the org once the current transaction commits (at once without one). Call it
     * with every change of memberships, roles or assignments.
     */
    public void invalidateAfterCommit(UUID orgId) {
        profiles.invalidateAfterCommit(orgId);
    }
}
