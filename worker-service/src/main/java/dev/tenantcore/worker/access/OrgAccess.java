package dev.tenantcore.worker.access;

import dev.tenantcore.support.web.ApiException;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Authorizes a caller in an org by asking core-service, the source of truth for authorization. */
@Component
public class OrgAccess {

    private final CoreApi core;

    OrgAccess(CoreApi core) {
        this.core = core;
    }

    /** Throws {@code forbidden} unless core allows the caller the action on the resource type in the org. */
    public void require(Caller caller, UUID orgId, String action, String resource) {
        if (!core.allows(caller.userId(), orgId, action, resource)) {
            throw ApiException.forbidden("You are not allowed to " + action + " " + resource + " in this organization");
        }
    }
}
