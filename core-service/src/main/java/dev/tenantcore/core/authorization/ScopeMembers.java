package dev.tenantcore.core.authorization;

import dev.tenantcore.contracts.api.ErrorCode;
import dev.tenantcore.contracts.api.PageQuery;
import dev.tenantcore.core.tenancy.Tenancy;
import dev.tenantcore.core.web.Caller;
import dev.tenantcore.core.web.Page;
import dev.tenantcore.support.web.ApiException;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The members of a team or a project: the role assignments at that scope, shared by both features. Listing needs
 * read access to the scope (else 404); adding, changing and removing need update on it.
 */
@Component
public class ScopeMembers {

    private final Tenancy tenancy;
    private final Authorization authorization;
    private final Roles roles;

    ScopeMembers(Tenancy tenancy, Authorization authorization, Roles roles) {
        this.tenancy = tenancy;
        this.authorization = authorization;
        this.roles = roles;
    }

    /**
     * A team or project, for one caller.
     *
     * @param type {@code team} or {@code project}: the scope type of its assignments
     * @param resource {@code teams} or {@code projects}: the resource of the permissions on it
     * @param id its id
     * @param readable loads it if the caller may read it (else throws its 404) and answers its attributes
     */
    public record Scope(String type, String resource, UUID id, Supplier<Map<String, ?>> readable) {}

    public Page<RoleAssignment> list(Caller.User caller, UUID orgId, Scope scope, PageQuery page) {
        return tenancy.inOrg(orgId, caller.userId(), () -> {
            scope.readable().get();
            return roles.assignments(orgId, scope.type(), scope.id(), page);
        });
    }

    /** Adds an org member to the scope with a role, or changes their role there. */
    public RoleAssignment put(Caller.User caller, UUID orgId, Scope scope, UUID userId, String role) {
        return tenancy.inOrg(orgId, caller.userId(), () -> {
            requireUpdate(caller, orgId, scope);
            return roles.assign(caller.userId(), orgId, userId, role, scope.type(), scope.id());
        });
    }

    public void remove(Caller.User caller, UUID orgId, Scope scope, UUID userId) {
        tenancy.runInOrg(orgId, caller.userId(), () -> {
            requireUpdate(caller, orgId, scope);
            if (!roles.unassign(caller.userId(), orgId, userId, scope.type(), scope.id())) {
                String what = Character.toUpperCase(scope.type().charAt(0))
                        + scope.type().substring(1);
                throw new ApiException(ErrorCode.NOT_FOUND, what + " member not found");
            }
        });
    }

    private void requireUpdate(Caller.User caller, UUID orgId, Scope scope) {
        authorization.require(
                caller, orgId, "update", scope.resource(), scope.readable().get());
    }
}
