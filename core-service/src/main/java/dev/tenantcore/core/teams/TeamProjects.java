package dev.tenantcore.core.teams;

import java.util.UUID;

/** What deleting a team needs from projects: detach them (implemented by the projects feature). */
public interface TeamProjects {

    /** Leaves every project of the team without a team, inside the caller's transaction, publishing each change. */
    void detachAll(UUID actor, UUID orgId, UUID teamId);
}
