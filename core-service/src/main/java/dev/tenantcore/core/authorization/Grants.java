package dev.tenantcore.core.authorization;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What a user may read in an org, for filtering lists and search.
 *
 * @param userId the user
 * @param orgId the org
 * @param member whether the user is a member at all (if not, nothing is readable)
 * @param orgWide resource types readable across the whole org (e.g. projects, teams, members)
 * @param teamIds teams (and their projects) readable through team-scoped roles
 * @param projectIds projects readable through project-scoped roles
 * @param ownProjects whether projects the user created are readable (a read permission conditioned on
 *     {@code createdBy: $user})
 */
public record Grants(
        UUID userId,
        UUID orgId,
        boolean member,
        List<String> orgWide,
        Set<UUID> teamIds,
        Set<UUID> projectIds,
        boolean ownProjects) {

    public boolean readsAll(String resource) {
        return orgWide.contains(resource);
    }
}
