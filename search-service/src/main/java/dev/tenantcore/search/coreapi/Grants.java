package dev.tenantcore.search.coreapi;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What a user may read in an org, as core decides it ({@code GET /internal/authz/grants}).
 *
 * @param member whether the user is a member at all; if not, nothing is readable
 * @param orgWide resource types readable across the org, e.g. {@code projects}, {@code teams},
 *     {@code organization}
 * @param teamIds teams (and their projects) readable through team-scoped roles
 * @param projectIds projects readable through project-scoped roles
 * @param ownProjects whether projects the user created are readable
 */
public record Grants(
        boolean member, List<String> orgWide, Set<UUID> teamIds, Set<UUID> projectIds, boolean ownProjects) {

    public static final Grants NONE = new Grants(false, List.of(), Set.of(), Set.of(), false);

    public boolean readsAll(String resource) {
        return orgWide.contains(resource);
    }
}
